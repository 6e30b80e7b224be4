from .aduan import Aduan, LampiranAduan
from .perkara import (
    DokumenPerkara,
    JenisPelanggaran,
    Perkara,
    Pihak,
    RegisterCounter,
    RiwayatPerkara,
    TindakLanjut,
    initials,
    normalise_register,
)
from .reference import (
    CountedFrom,
    DayType,
    HariLibur,
    Jenis,
    Pemilihan,
    Regime,
    StatusPerkara,
    Tahapan,
)

__all__ = [
    "Aduan",
    "CountedFrom",
    "DayType",
    "DokumenPerkara",
    "HariLibur",
    "Jenis",
    "JenisPelanggaran",
    "LampiranAduan",
    "Pemilihan",
    "Perkara",
    "Pihak",
    "Regime",
    "RegisterCounter",
    "RiwayatPerkara",
    "StatusPerkara",
    "Tahapan",
    "TindakLanjut",
    "initials",
    "normalise_register",
]
