"""Reference data ABK & Anjab ships: the code lists of *syarat jabatan*.

Loaded by a data migration and, because a test database flush wipes data-migration rows, also by
``load_kode_syarat`` from post_migrate and from test fixtures (idempotent).

Sources: Permenpan RB 1/2020 guide (lampiran), Perka BKN 19/2011; the letters follow the GATB /
Dictionary of Occupational Titles convention the guides translate. Where the domain note and the
guide disagree (fungsi data D5/D6), the guide's order is kept: D5 menyalin, D6 membandingkan.
"""

BAKAT = "bakat"
TEMPERAMEN = "temperamen"
MINAT = "minat"
UPAYA_FISIK = "upaya_fisik"
FUNGSI_PEKERJAAN = "fungsi_pekerjaan"

KODE_SYARAT = {
    BAKAT: [
        (
            "G",
            "Inteligensi",
            "Kemampuan belajar secara umum, memahami instruksi dan prinsip, "
            "menalar dan membuat pertimbangan.",
        ),
        (
            "V",
            "Bakat verbal",
            "Kemampuan memahami arti kata dan menggunakannya secara tepat dan efektif.",
        ),
        ("N", "Bakat numerik", "Kemampuan melakukan operasi aritmatika secara tepat dan akurat."),
        (
            "S",
            "Bakat pandang ruang",
            "Kemampuan memahami bentuk ruang dan hubungan benda dalam ruang.",
        ),
        (
            "P",
            "Bakat penerapan bentuk",
            "Kemampuan menyerap perbedaan rincian bentuk dan bayangan benda.",
        ),
        (
            "Q",
            "Bakat ketelitian",
            "Kemampuan menyerap rincian dalam bahan verbal atau tabel dan melihat perbedaannya.",
        ),
        (
            "K",
            "Koordinasi motorik",
            "Kemampuan mengoordinasikan mata dan tangan atau jari secara cepat dan tepat.",
        ),
        ("F", "Kecekatan jari", "Kemampuan menggerakkan jari dengan cepat dan tepat."),
        ("M", "Kecekatan tangan", "Kemampuan menggerakkan tangan dengan mudah dan cekatan."),
        (
            "E",
            "Koordinasi mata, tangan dan kaki",
            "Kemampuan menggerakkan tangan dan kaki "
            "secara terkoordinasi sesuai rangsangan penglihatan.",
        ),
        ("C", "Kemampuan membedakan warna", "Kemampuan membedakan warna dan corak warna."),
    ],
    # Codes as the guides print them (D, F, I, ...); the names are the guides' Indonesian
    # renderings, the English DOT names they translate (DCP, FIF, INFLU, ...) are not printed.
    TEMPERAMEN: [
        (
            "D",
            "Mengarahkan, mengendalikan dan merencanakan",
            "Menerima tanggung jawab memimpin, mengendalikan atau merencanakan kegiatan.",
        ),
        (
            "F",
            "Menafsirkan perasaan, gagasan dan fakta",
            "Menafsirkan perasaan, gagasan atau fakta dari sudut pandang pribadi.",
        ),
        ("I", "Memengaruhi", "Memengaruhi pendapat, sikap atau pertimbangan orang lain."),
        (
            "J",
            "Kriteria indrawi dan pertimbangan",
            "Membuat kesimpulan atau keputusan berdasarkan kriteria indrawi atau pertimbangan.",
        ),
        (
            "M",
            "Kriteria terukur dan teruji",
            "Membuat keputusan berdasarkan kriteria yang dapat diukur atau diuji.",
        ),
        (
            "P",
            "Berhubungan dengan orang",
            "Berhubungan dengan orang lain lebih dari sekadar menerima dan memberi instruksi.",
        ),
        (
            "R",
            "Kegiatan berulang dan terus-menerus",
            "Melakukan kegiatan berulang atau terus-menerus menurut prosedur tetap.",
        ),
        (
            "S",
            "Bekerja di bawah tekanan",
            "Bekerja di bawah tekanan, dalam keadaan darurat, kritis atau berbahaya.",
        ),
        (
            "T",
            "Batas, toleransi dan standar",
            "Bekerja menurut batas, toleransi atau standar yang ketat.",
        ),
        (
            "V",
            "Tugas beragam dan berganti-ganti",
            "Melakukan tugas yang beragam dan sering berganti.",
        ),
    ],
    MINAT: [
        (
            "1a",
            "Benda dan objek",
            "Pilihan melakukan kegiatan yang berhubungan dengan benda dan objek.",
        ),
        (
            "1b",
            "Komunikasi data",
            "Pilihan melakukan kegiatan yang berhubungan dengan komunikasi data.",
        ),
        (
            "2a",
            "Kontak bisnis",
            "Pilihan melakukan kegiatan yang berhubungan dengan orang lain dalam kontak bisnis.",
        ),
        ("2b", "Ilmiah dan teknik", "Pilihan melakukan kegiatan yang bersifat ilmiah dan teknik."),
        ("3a", "Rutin dan konkret", "Pilihan melakukan kegiatan yang rutin, konkret dan teratur."),
        ("3b", "Abstrak dan kreatif", "Pilihan melakukan kegiatan yang abstrak dan kreatif."),
        ("4a", "Kesejahteraan sosial", "Pilihan melakukan kegiatan bagi kesejahteraan orang lain."),
        (
            "4b",
            "Mesin dan teknik",
            "Pilihan melakukan kegiatan yang berhubungan dengan mesin, proses dan teknik.",
        ),
        ("5a", "Prestise", "Pilihan melakukan kegiatan yang mendapat penghargaan atau prestise."),
        (
            "5b",
            "Proses dan hasil nyata",
            "Pilihan melakukan kegiatan yang menghasilkan sesuatu yang nyata.",
        ),
        ("R", "Realistik", "Menyukai pekerjaan dengan benda, alat atau mesin secara nyata."),
        ("I", "Investigatif", "Menyukai pekerjaan mengamati, meneliti dan memecahkan masalah."),
        ("A", "Artistik", "Menyukai pekerjaan yang kreatif dan ekspresif."),
        ("S", "Sosial", "Menyukai pekerjaan membantu, melayani dan mengajar orang lain."),
        ("E", "Kewirausahaan", "Menyukai pekerjaan memimpin, memengaruhi dan berusaha."),
        ("C", "Konvensional", "Menyukai pekerjaan yang tertata, rinci dan mengikuti prosedur."),
    ],
    UPAYA_FISIK: [
        (str(i), name, desc)
        for i, (name, desc) in enumerate(
            [
                ("Berdiri", "Berada di satu tempat dalam posisi tegak tanpa berpindah."),
                ("Berjalan", "Bergerak dengan berjalan kaki."),
                ("Duduk", "Berada dalam posisi duduk."),
                (
                    "Mengangkat",
                    "Menaikkan atau menurunkan benda dari satu tingkat ke tingkat lain.",
                ),
                ("Membawa", "Memindahkan benda dengan tangan, lengan atau bahu."),
                ("Mendorong", "Menekan benda menjauh dari badan."),
                ("Menarik", "Menarik benda mendekati badan."),
                ("Memanjat", "Naik atau turun tangga, tiang atau permukaan miring."),
                ("Menjaga keseimbangan", "Menjaga badan agar tidak jatuh."),
                ("Membungkuk", "Menekuk badan ke bawah dan ke depan."),
                ("Berlutut", "Menekuk kaki pada lutut sampai lutut menyentuh lantai."),
                ("Merunduk", "Menekuk badan dengan menekuk kaki dan tulang punggung."),
                ("Merangkak", "Bergerak dengan tangan dan lutut atau kaki."),
                ("Menjangkau", "Mengulurkan tangan dan lengan ke segala arah."),
                ("Memegang", "Memegang, mengambil, memutar dengan tangan."),
                ("Bekerja dengan jari", "Mengambil, memilih atau mengerjakan dengan jari."),
                ("Meraba", "Mengetahui sifat benda dengan menyentuh."),
                ("Berbicara", "Menyampaikan gagasan dengan kata-kata secara lisan."),
                ("Mendengar", "Mengetahui bunyi dengan telinga."),
                ("Melihat", "Mengetahui dengan mata."),
                ("Ketajaman jarak jauh", "Kejelasan penglihatan pada jarak 6 meter atau lebih."),
                ("Ketajaman jarak dekat", "Kejelasan penglihatan pada jarak 50 cm atau kurang."),
                (
                    "Pengamatan secara mendalam",
                    "Melihat benda dalam tiga dimensi dan memperkirakan jaraknya.",
                ),
                (
                    "Penyesuaian lensa mata",
                    "Menyesuaikan lensa mata untuk melihat pada jarak yang berbeda-beda.",
                ),
                ("Melihat berbagai warna", "Membedakan dan mengenali warna."),
            ],
            start=1,
        )
    ],
    FUNGSI_PEKERJAAN: [
        (
            "D0",
            "Memadukan data",
            "Menggabungkan data untuk menemukan fakta, konsep atau tafsiran baru.",
        ),
        (
            "D1",
            "Mengoordinasikan data",
            "Menentukan waktu, tempat atau urutan kegiatan berdasarkan analisis data.",
        ),
        ("D2", "Menganalisis data", "Mempelajari, mengurai dan menilai data."),
        ("D3", "Menyusun data", "Mengumpulkan, menyusun atau mengelompokkan data."),
        ("D4", "Menghitung data", "Melakukan operasi aritmatika atas data."),
        ("D5", "Menyalin data", "Memindahkan, mencatat atau menyalin data."),
        ("D6", "Membandingkan data", "Menilai persamaan atau perbedaan data."),
        ("O0", "Menasihati", "Memberi bimbingan atau nasihat kepada orang lain."),
        ("O1", "Berunding", "Bertukar gagasan untuk merumuskan kebijakan atau keputusan bersama."),
        ("O2", "Mengajar", "Melatih atau mengajar orang lain."),
        ("O3", "Menyelia", "Menentukan atau menafsirkan prosedur kerja dan membagi tugas."),
        ("O4", "Menghibur", "Menghibur orang lain."),
        ("O5", "Memengaruhi", "Memengaruhi orang lain untuk menerima gagasan atau layanan."),
        (
            "O6",
            "Berbicara dan memberi tanda",
            "Berbicara atau memberi tanda untuk menyampaikan informasi.",
        ),
        ("O7", "Melayani orang", "Memperhatikan kebutuhan atau permintaan orang lain."),
        ("O8", "Menerima instruksi", "Mengikuti instruksi atau perintah atasan."),
        ("B0", "Memasang mesin", "Menyiapkan dan menyetel mesin atau peralatan."),
        ("B1", "Mengerjakan presisi", "Mengerjakan benda dengan alat menurut standar yang ketat."),
        (
            "B2",
            "Menjalankan dan mengontrol mesin",
            "Menjalankan dan mengatur mesin atau peralatan.",
        ),
        (
            "B3",
            "Mengemudikan dan menjalankan",
            "Mengemudikan kendaraan atau peralatan yang bergerak.",
        ),
        (
            "B4",
            "Mengerjakan benda dengan tangan",
            "Menggunakan tangan atau alat untuk mengerjakan benda.",
        ),
        ("B5", "Melayani mesin", "Menghidupkan, menghentikan dan mengamati mesin."),
        (
            "B6",
            "Memasukkan dan mengeluarkan barang",
            "Memasukkan atau mengeluarkan bahan ke atau dari mesin.",
        ),
        ("B7", "Memegang", "Menggunakan tangan untuk memegang atau memindahkan benda."),
    ],
}


# The nine standard aspects of *kondisi lingkungan kerja* in e-Formasi's Informasi Jabatan,
# preset (factor empty) on every new analysis that is not a copy of an earlier year's.
KONDISI_LINGKUNGAN_ASPEK = [
    "Tempat kerja",
    "Suhu",
    "Udara",
    "Keadaan ruangan",
    "Letak",
    "Penerangan",
    "Suara",
    "Keadaan tempat kerja",
    "Getaran",
]

# Jabatan Pelaksana nomenclature: KepmenPANRB 282/2025 (ditetapkan 15 Juli 2025; replaces
# KepmenPANRB 11/2024, one year to adjust) groups them as Klerek, Operator and Teknisi. The
# names below are a starting set whose wording and grade were not checked against the decree's
# annex (?): installation data, loaded once and then kept by the installation manager in the
# admin (marked confirmed there), never overwritten by a migration.
NOMENKLATUR_DASAR = "KepmenPANRB 282/2025"
NOMENKLATUR_PELAKSANA = [
    ("Pengadministrasi Perkantoran", "Klerek"),
    ("Penata Layanan Operasional", "Klerek"),
    ("Pengolah Data dan Informasi", "Klerek"),
    ("Penelaah Teknis Kebijakan", "Klerek"),
    ("Operator Layanan Operasional", "Operator"),
    ("Pengelola Layanan Operasional", "Operator"),
    ("Teknisi Sarana dan Prasarana", "Teknisi"),
]


def load_nomenklatur(model=None):
    """Create the starting nomenclature rows that are missing (never changes an existing row:
    the installation manager may have corrected it). Returns how many were created."""
    if model is None:
        from .models import NomenklaturJabatan as model
    created = 0
    for order, (nama, klasifikasi) in enumerate(NOMENKLATUR_PELAKSANA):
        _, new = model.objects.get_or_create(
            nama=nama,
            defaults={"klasifikasi": klasifikasi, "dasar": NOMENKLATUR_DASAR, "urutan": order},
        )
        created += new
    return created


def load_kode_syarat(model=None, changed=None):
    """Create or refresh every code. Idempotent; returns how many codes exist afterwards.

    ``model`` is the historical model in a data migration; the live model otherwise. The
    ``jenis/kode`` of each code created or rewritten is appended to ``changed`` when given (for
    the audit entry of the post_migrate run: these codes are shared by every office)."""
    if model is None:
        from .models import KodeSyarat as model
    existing = {(r.jenis, r.kode): (r.nama, r.uraian, r.urutan) for r in model.objects.all()}
    for jenis, rows in KODE_SYARAT.items():
        for order, (kode, nama, uraian) in enumerate(rows):
            if existing.get((jenis, kode)) == (nama, uraian, order):
                continue
            model.objects.update_or_create(
                jenis=jenis, kode=kode, defaults={"nama": nama, "uraian": uraian, "urutan": order}
            )
            if changed is not None:
                changed.append(f"{jenis}/{kode}")
    return model.objects.count()
