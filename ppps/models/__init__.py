from .aduan import Aduan, LampiranAduan, LampiranSementara
from .pelimpahan import Pelimpahan
from .perkara import (
    DokumenPerkara,
    JenisPelanggaran,
    Perkara,
    Pihak,
    RegisterCounter,
    RiwayatPerkara,
    TindakLanjut,
    initials,
)
from .reference import (
    AlasanPublik,
    CountedFrom,
    DayType,
    HariLibur,
    Jalur,
    Jenis,
    Pemilihan,
    Regime,
    StatusPerkara,
    Tahapan,
)

__all__ = [
    "AlasanPublik",
    "Aduan",
    "CountedFrom",
    "DayType",
    "DokumenPerkara",
    "HariLibur",
    "Jalur",
    "Jenis",
    "JenisPelanggaran",
    "LampiranAduan",
    "LampiranSementara",
    "Pelimpahan",
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
]
