"""What the demo's counsellors write in a case: phrase pools per bidang, in plain Indonesian.

Every text is synthetic and names no real person: a counsellor's notes speak of "siswa",
"orang tua", "wali kelas". The pools are per bidang (pribadi, sosial, belajar, karier) because a
session about choosing a university reads differently from one about a quarrel at home; a case
whose screening named two bidang draws from the first. ``demo_counselling`` picks from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bk_desktop.domain.screening import Bidang


@dataclass(frozen=True)
class BidangPhrases:
    """What is written about one bidang: the laiseg (UCA), options, action items, studi kasus."""

    understanding: tuple[str, ...]
    comfort: tuple[str, ...]
    action: tuple[str, ...]
    alternatives: tuple[str, ...]
    action_items: tuple[tuple[str, str], ...]
    """(what, support from whom)"""
    identification: tuple[str, ...]
    diagnosis: tuple[str, ...]
    prognosis: tuple[str, ...]
    goals: tuple[str, ...]


PHRASES: dict[Bidang, BidangPhrases] = {
    Bidang.PRIBADI: BidangPhrases(
        understanding=(
            "Siswa memahami bahwa rasa cemasnya muncul terutama menjelang ulangan dan saat "
            "harus berbicara di depan kelas.",
            "Siswa menyadari bahwa kebiasaan tidur larut membuatnya mudah lelah dan murung di "
            "sekolah.",
            "Siswa mulai mengenali bahwa ia memendam kesedihan sejak orang tuanya berpisah.",
            "Siswa memahami bahwa menyalahkan diri sendiri tidak mengubah keadaan dan justru "
            "membuatnya menarik diri.",
            "Siswa menyadari pikiran-pikiran negatif yang muncul ketika ia merasa gagal.",
        ),
        comfort=(
            "Siswa merasa lega setelah dapat menceritakan perasaannya dan tampak lebih tenang.",
            "Siswa merasa didengar; ketegangan di wajahnya berkurang di akhir sesi.",
            "Siswa masih merasa sedih, tetapi mengatakan lebih ringan daripada sebelum sesi.",
            "Siswa merasa nyaman berbicara dan meminta bertemu lagi minggu depan.",
        ),
        action=(
            "Siswa akan mencoba teknik napas dalam setiap kali merasa cemas dan mencatatnya.",
            "Siswa akan tidur paling lambat pukul 22.00 selama dua minggu dan mencatat jam "
            "tidurnya.",
            "Siswa akan menulis jurnal perasaan setiap malam dan membawanya pada sesi berikut.",
            "Siswa akan berbicara dengan ibunya tentang perasaannya dengan didampingi guru BK "
            "bila perlu.",
        ),
        alternatives=(
            "Berlatih relaksasi napas setiap pagi sebelum berangkat sekolah",
            "Menulis jurnal perasaan setiap malam",
            "Berbicara terbuka dengan orang tua tentang perasaannya",
            "Mengikuti kegiatan ekstrakurikuler yang disukai untuk menyalurkan perasaan",
            "Membatasi penggunaan ponsel setelah pukul 21.00",
            "Menemui guru BK setiap kali perasaan cemas memuncak",
        ),
        action_items=(
            ("Mencatat jam tidur setiap malam selama dua minggu", "Orang tua"),
            ("Berlatih napas dalam 5 menit setiap pagi", "Guru BK"),
            ("Menulis jurnal perasaan dan membawanya ke sesi berikut", "Guru BK"),
            ("Berbicara dengan ibu tentang hal yang dirasakan", "Orang tua"),
            ("Mengikuti satu kegiatan ekstrakurikuler pilihan sendiri", "Pembina ekstrakurikuler"),
        ),
        identification=(
            "Siswa tampak murung dan sering menyendiri sejak awal semester; wali kelas "
            "melaporkan siswa beberapa kali menangis di kelas.",
            "Siswa mengeluh sulit tidur dan cemas berlebihan menjelang ulangan.",
            "Siswa menyampaikan masalah keluarga yang membuatnya sulit berkonsentrasi.",
        ),
        diagnosis=(
            "Kecemasan menghadapi penilaian, diperberat pola tidur yang tidak teratur.",
            "Kesedihan berkepanjangan terkait perubahan keadaan keluarga; belum tampak tanda "
            "bahaya.",
            "Konsep diri rendah; siswa cenderung menilai dirinya gagal.",
        ),
        prognosis=(
            "Baik bila siswa konsisten berlatih relaksasi dan orang tua mendukung.",
            "Cukup baik; perlu pemantauan karena masalah keluarga masih berlangsung.",
            "Baik; siswa terbuka dan bersedia mencoba langkah yang disepakati.",
        ),
        goals=(
            "Siswa mampu mengelola kecemasan sehingga dapat mengikuti ulangan dengan tenang.",
            "Siswa mampu mengungkapkan perasaannya dengan sehat dan kembali aktif di kelas.",
            "Siswa memiliki pandangan yang lebih positif tentang dirinya.",
        ),
    ),
    Bidang.SOSIAL: BidangPhrases(
        understanding=(
            "Siswa memahami bahwa kata-katanya di grup percakapan kelas menyakiti temannya.",
            "Siswa menyadari bahwa ia cenderung menghindari teman karena takut ditolak.",
            "Siswa memahami bahwa perundungan yang dialaminya bukan kesalahannya dan boleh "
            "dilaporkan.",
            "Siswa memahami pemicu pertengkarannya dengan teman sekelas.",
        ),
        comfort=(
            "Siswa merasa aman karena sekolah akan menindaklanjuti laporannya.",
            "Siswa merasa lebih tenang dan tidak lagi marah ketika membicarakan kejadian itu.",
            "Siswa merasa canggung tetapi bersedia mencoba berbaikan.",
            "Siswa merasa lega karena ada orang dewasa yang mau mendengarkan.",
        ),
        action=(
            "Siswa akan meminta maaf kepada temannya secara langsung minggu ini.",
            "Siswa akan menyapa dan bergabung dengan satu kelompok belajar di kelas.",
            "Siswa akan melapor kepada wali kelas atau guru BK bila diejek lagi.",
            "Siswa akan keluar sebentar dari situasi ketika mulai marah, lalu kembali setelah "
            "tenang.",
        ),
        alternatives=(
            "Meminta maaf secara langsung kepada teman yang tersinggung",
            "Bermediasi bersama teman dengan didampingi guru BK",
            "Bergabung dengan kelompok belajar di kelas",
            "Melaporkan setiap ejekan kepada wali kelas",
            "Keluar dari grup percakapan yang memicu pertengkaran",
            "Mengikuti kegiatan OSIS untuk memperluas pergaulan",
        ),
        action_items=(
            ("Meminta maaf kepada teman secara langsung", "Wali kelas"),
            ("Mengikuti mediasi dengan teman yang berselisih", "Guru BK"),
            ("Bergabung dengan satu kelompok belajar", "Wali kelas"),
            ("Melapor bila perundungan terulang", "Guru BK dan wali kelas"),
            ("Ikut rapat perdana kegiatan OSIS", "Pembina OSIS"),
        ),
        identification=(
            "Siswa dilaporkan bertengkar dengan teman sekelas dan saling mengejek di grup "
            "percakapan kelas.",
            "Siswa menyendiri saat istirahat dan mengaku tidak punya teman dekat.",
            "Siswa melaporkan diejek berulang kali oleh beberapa teman.",
        ),
        diagnosis=(
            "Keterampilan mengelola konflik belum berkembang; siswa mudah tersinggung.",
            "Hambatan penyesuaian diri di lingkungan kelas baru.",
            "Siswa menjadi sasaran perundungan verbal; perlu perlindungan dan pendampingan.",
        ),
        prognosis=(
            "Baik bila kedua pihak bersedia bermediasi.",
            "Baik; siswa mulai membuka diri dalam kelompok kecil.",
            "Cukup baik dengan pemantauan wali kelas.",
        ),
        goals=(
            "Siswa mampu menyelesaikan perselisihan tanpa pertengkaran.",
            "Siswa memiliki paling sedikit dua teman dekat di kelas.",
            "Siswa merasa aman di sekolah dan perundungan berhenti.",
        ),
    ),
    Bidang.BELAJAR: BidangPhrases(
        understanding=(
            "Siswa memahami bahwa nilainya turun karena tugas menumpuk dan tidak dikerjakan "
            "bertahap.",
            "Siswa menyadari bahwa ia sering terlambat karena bermain gim hingga larut malam.",
            "Siswa memahami cara belajarnya selama ini kurang cocok untuk pelajaran hitungan.",
            "Siswa menyadari bahwa ia enggan bertanya kepada guru karena malu.",
        ),
        comfort=(
            "Siswa merasa lebih percaya diri setelah menyusun jadwal belajar bersama.",
            "Siswa merasa terbebani tetapi optimistis dapat mengejar ketertinggalan.",
            "Siswa merasa lega karena tidak dimarahi dan diajak mencari jalan keluar.",
            "Siswa merasa termotivasi setelah melihat kemajuan kecil yang sudah dicapai.",
        ),
        action=(
            "Siswa akan mengikuti jadwal belajar harian yang disusun dan menandainya setiap hari.",
            "Siswa akan mengumpulkan tugas yang tertunda paling lambat Jumat depan.",
            "Siswa akan bertanya kepada guru mata pelajaran setiap kali tidak memahami materi.",
            "Siswa akan berangkat pukul 06.15 agar tidak terlambat.",
        ),
        alternatives=(
            "Menyusun jadwal belajar harian dan menempelnya di kamar",
            "Belajar bersama teman sebangku dua kali seminggu",
            "Mengikuti remedial dan jam tambahan dari guru mata pelajaran",
            "Mengumpulkan tugas tertunda secara bertahap",
            "Membatasi bermain gim hanya pada akhir pekan",
            "Meminta bimbingan belajar di rumah kepada kakak",
        ),
        action_items=(
            ("Mengumpulkan tugas yang tertunda", "Guru mata pelajaran"),
            ("Mengikuti jadwal belajar harian", "Orang tua"),
            ("Mengikuti jam tambahan matematika", "Guru mata pelajaran"),
            ("Datang ke sekolah sebelum pukul 07.00 setiap hari", "Wali kelas"),
            ("Belajar bersama teman sebangku dua kali seminggu", "Wali kelas"),
        ),
        identification=(
            "Nilai ulangan siswa turun tajam pada tiga mata pelajaran dalam satu semester.",
            "Siswa sering terlambat dan tidak mengumpulkan tugas selama sebulan.",
            "Siswa tertidur di kelas hampir setiap hari.",
        ),
        diagnosis=(
            "Kebiasaan belajar belum teratur dan manajemen waktu lemah.",
            "Motivasi belajar menurun; pola tidur terganggu penggunaan gawai.",
            "Kesulitan memahami materi hitungan tanpa bantuan; enggan bertanya.",
        ),
        prognosis=(
            "Baik bila jadwal belajar dijalankan dan orang tua ikut memantau.",
            "Baik; siswa mampu secara akademik, perlu pembiasaan.",
            "Cukup baik; perlu kerja sama guru mata pelajaran.",
        ),
        goals=(
            "Siswa mengumpulkan semua tugas tepat waktu dan nilainya kembali di atas KKM.",
            "Siswa datang tepat waktu dan tidak lagi tertidur di kelas.",
            "Siswa memiliki cara belajar yang sesuai dan berani bertanya.",
        ),
    ),
    Bidang.KARIER: BidangPhrases(
        understanding=(
            "Siswa memahami minat dan kemampuannya lebih cocok dengan jurusan teknik.",
            "Siswa menyadari bahwa pilihannya selama ini lebih mengikuti teman daripada "
            "minatnya sendiri.",
            "Siswa memahami syarat masuk jurusan yang diminatinya melalui jalur prestasi.",
            "Siswa menyadari perbedaan harapan dirinya dan harapan orang tuanya.",
        ),
        comfort=(
            "Siswa merasa lebih yakin dengan pilihannya setelah melihat hasil tes minat.",
            "Siswa merasa lega karena punya beberapa pilihan cadangan.",
            "Siswa masih ragu, tetapi merasa tahu langkah yang harus diambil.",
            "Siswa merasa didukung untuk membicarakan pilihannya dengan orang tua.",
        ),
        action=(
            "Siswa akan mencari informasi tiga program studi pilihan dan syaratnya.",
            "Siswa akan berdiskusi dengan orang tua tentang pilihan jurusan akhir pekan ini.",
            "Siswa akan mengikuti pameran pendidikan tinggi di sekolah bulan depan.",
            "Siswa akan menemui alumni yang kuliah di jurusan pilihannya.",
        ),
        alternatives=(
            "Mendaftar SNBP pada program studi sesuai minat",
            "Menyiapkan diri untuk SNBT sebagai jalur cadangan",
            "Mengikuti pameran pendidikan tinggi",
            "Berdiskusi dengan alumni yang kuliah di jurusan pilihan",
            "Mempertimbangkan sekolah kedinasan",
            "Mengikuti tes minat dan bakat lanjutan",
        ),
        action_items=(
            ("Mencari informasi tiga program studi pilihan", "Guru BK"),
            ("Berdiskusi dengan orang tua tentang pilihan jurusan", "Orang tua"),
            ("Mengikuti pameran pendidikan tinggi", "Guru BK"),
            ("Menyusun rencana belajar persiapan SNBT", "Wali kelas"),
            ("Menghubungi alumni jurusan pilihan", "Guru BK"),
        ),
        identification=(
            "Siswa bingung memilih jurusan kuliah dan berbeda pendapat dengan orang tua.",
            "Siswa ingin berkonsultasi tentang peminatan untuk semester depan.",
            "Siswa belum memiliki gambaran karier setelah lulus.",
        ),
        diagnosis=(
            "Informasi karier belum memadai; minat belum dikenali dengan jelas.",
            "Konflik pilihan antara minat siswa dan harapan orang tua.",
            "Kebimbangan memilih karena kurang percaya diri pada kemampuan sendiri.",
        ),
        prognosis=(
            "Baik; siswa aktif mencari informasi.",
            "Baik bila orang tua dilibatkan dalam diskusi.",
            "Baik; minat siswa mulai jelas setelah tes.",
        ),
        goals=(
            "Siswa menetapkan pilihan jurusan beserta rencana cadangannya.",
            "Siswa dan orang tua sepakat tentang pilihan studi lanjut.",
            "Siswa memiliki rencana karier yang realistis.",
        ),
    ),
}

APPROACHES = (
    "Konseling berpusat pada klien",
    "Konseling behavioral",
    "Konseling kognitif-perilaku (CBT)",
    "Konseling realitas",
    "Konseling singkat berfokus solusi (SFBC)",
    "Konseling trait and factor",
)
TECHNIQUES = (
    "Refleksi perasaan, parafrase, dan dorongan minimal",
    "Kontrak perilaku dan penguatan positif",
    "Restrukturisasi kognitif",
    "Pertanyaan keajaiban dan pertanyaan skala",
    "Latihan relaksasi dan pernapasan",
    "Bermain peran (role playing)",
    "Analisis hasil tes minat dan bakat",
    "Perencanaan WDEP",
)

SESSION_NOTES = (
    "Siswa datang tepat waktu dan terbuka sejak awal sesi.",
    "Awalnya siswa banyak diam; setelah dibangun rapport, siswa mulai bercerita.",
    "Sesi membahas kemajuan sejak pertemuan sebelumnya.",
    "Siswa membawa catatan yang diminta pada pertemuan sebelumnya.",
    "Siswa tampak lebih ceria daripada pertemuan sebelumnya.",
    "Sesi berfokus pada langkah konkret yang dapat dilakukan minggu ini.",
    "Siswa sempat menangis; sesi dilanjutkan setelah siswa tenang.",
    "Siswa menilai masalahnya 6 dari 10 (sebelumnya 8 dari 10).",
)

PLANNED_LENGTHS = ((45, 80), (40, 8), (35, 5), (30, 7))
"""(minutes, weight): most sessions are planned for one lesson hour of 45 minutes."""
LONG_PLANS = (
    (60, "Sesi digabung dengan pertemuan bersama orang tua."),
    (20, "Siswa hanya dapat hadir pada jam istirahat."),
    (90, "Mediasi dua pihak dengan didampingi wali kelas."),
)
DURATION_REASONS = {
    True: (
        "Siswa masih perlu waktu untuk menenangkan diri sebelum sesi diakhiri.",
        "Orang tua datang di akhir sesi dan ikut berdiskusi.",
    ),
    False: (
        "Siswa harus kembali ke kelas untuk ulangan harian.",
        "Sesi dihentikan karena ada kegiatan upacara.",
    ),
}
"""Why an actual duration was outside 30–45 minutes: True for longer, False for shorter."""

CANCEL_REASONS = (
    "Guru BK mendampingi kegiatan lomba di luar sekolah.",
    "Siswa mengikuti kegiatan class meeting.",
    "Ada rapat dinas mendadak.",
    "Siswa mengikuti ujian susulan pada jam yang sama.",
)
ABSENT_REASONS = (
    "Siswa sakit, ada surat izin dari orang tua.",
    "Siswa lupa jadwal; dihubungi melalui wali kelas.",
    "Siswa tidak masuk sekolah hari itu.",
    "Siswa mengikuti latihan paskibra.",
)
JOINED_REASON = "Siswa sedang ditangani dalam kasus yang masih berjalan; dibahas di kasus itu."

CLOSE_REASONS = {
    True: (
        "Tujuan konseling tercapai sesuai rencana.",
        "Rencana aksi terlaksana dan siswa merasa masalahnya teratasi.",
        "Siswa sudah mampu menjalankan langkahnya sendiri.",
    ),
    False: (
        "Perlu pemantauan wali kelas hingga akhir semester.",
        "Dilanjutkan dengan bimbingan kelompok bersama teman sekelas.",
        "Orang tua akan dilibatkan dalam pertemuan lanjutan.",
    ),
}
"""Why a case closed: True for *selesai*, False for *tindak lanjut*."""

LAIJAPEN_RESULTS = (
    "Sebagian besar rencana aksi terlaksana; siswa merasa terbantu.",
    "Rencana aksi terlaksana; wali kelas melihat perubahan positif.",
    "Rencana aksi belum semua terlaksana; disepakati ditinjau lagi pada sesi berikut.",
    "Siswa menjalankan jadwal yang disepakati dengan beberapa kali terlewat.",
)
LAIJAPANG_RESULTS = (
    "Masalah tidak muncul lagi selama satu semester; kehadiran dan nilai stabil.",
    "Siswa berkembang baik; tidak perlu tindak lanjut lagi.",
    "Perubahan bertahan; siswa sesekali masih menemui guru BK.",
    "Masalah sempat muncul kembali, tetapi siswa mampu mengatasinya sendiri.",
)
ADDENDA = (
    "Wali kelas mengabarkan siswa sudah mengumpulkan tugasnya.",
    "Orang tua menelepon dan menyampaikan perkembangan di rumah membaik.",
    "Koreksi: rencana aksi kedua disepakati bersama wali kelas, bukan guru mata pelajaran.",
)
