"""How every page, e-mail and PDF writes dates and times (FORMAT_MODULE_PATH = "sisp.formats";
what is not set here falls back to Django's own ``id`` locale).

One time format, staff and public pages alike: hours and minutes separated by a dot, two
digits each, 24-hour clock ("03.03", "14.30"). Source: PUEBI (Permendikbud 50/2015), kept in
EYD Edisi V (2022), "Tanda Titik": the full stop separates hours, minutes and seconds of a
time ("pukul 01.35.20"). Django's ``id`` locale writes "3.03" (no leading zero); SISP pads the
hour so columns of times line up. Templates use the named formats
(``|date:"SHORT_DATETIME_FORMAT"``) or, where seconds matter (the audit trail), "H.i.s";
``tests/test_labels.py`` refuses any other hand-written time format.
"""

DATE_FORMAT = "j F Y"  # 2 Desember 2026
TIME_FORMAT = "H.i"  # 03.03
DATETIME_FORMAT = "j F Y H.i"  # 2 Desember 2026 03.03
SHORT_DATETIME_FORMAT = "j M Y H.i"  # 2 Des 2026 03.03
