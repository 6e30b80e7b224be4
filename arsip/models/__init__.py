from .access import HakAkses, PermohonanAkses
from .records import Berkas, BerkasDigital, Naskah, StatusRetensi
from .reference import AksesMatrix, KelasKeamanan, KlasifikasiArsip, RetensiArsip

__all__ = [
    "AksesMatrix",
    "Berkas",
    "BerkasDigital",
    "HakAkses",
    "KelasKeamanan",
    "KlasifikasiArsip",
    "Naskah",
    "PermohonanAkses",
    "RetensiArsip",
    "StatusRetensi",
]
