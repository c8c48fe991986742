"""Labels of themes and target groups in Turkish, Arabic and Ukrainian (staff edit them under
Snippets → Taxonomien). Districts keep their German proper names, except "citywide".

Written for the demo in plain language; a native speaker should review them.
"""

from django.db import migrations

LABELS = {
    "Theme": {
        "language": ("Dil desteği", "دعم تعلم اللغة", "Мовна підтримка"),
        "education": ("Eğitim", "التعليم", "Освіта"),
        "intercultural-opening": ("Yönetimin kültürlerarası açılımı", "الانفتاح الثقافي للإدارة", "Міжкультурна відкритість адміністрації"),
        "refugees": ("Mültecilerin uyumu", "اندماج اللاجئين", "Інтеграція біженців"),
        "welcome": ("Hoş geldin hizmetleri ve Welcome Center", "خدمات الترحيب ومركز الترحيب", "Послуги для новоприбулих і Welcome Center"),
        "work": ("İş ve meslek eğitimi", "العمل والتدريب المهني", "Робота і професійне навчання"),
        "participation": ("Katılım", "المشاركة", "Участь у житті громади"),
        "anti-discrimination": ("Ayrımcılıkla mücadele", "مكافحة التمييز", "Протидія дискримінації"),
        "health": ("Sağlık", "الصحة", "Здоров'я"),
        "neighbourhood": ("Mahallede birlikte yaşam", "العيش المشترك في الحي", "Життя в районі"),
        "culture-sport": ("Kültür ve spor", "الثقافة والرياضة", "Культура і спорт"),
    },
    "TargetGroup": {
        "newcomers": ("Yeni gelenler", "القادمون الجدد", "Новоприбулі"),
        "refugees": ("Mülteciler", "اللاجئون", "Біженці"),
        "children": ("Çocuklar", "الأطفال", "Діти"),
        "young-people": ("Gençler", "الشباب", "Молодь"),
        "parents": ("Ebeveynler", "الآباء والأمهات", "Батьки"),
        "women": ("Kadınlar", "النساء", "Жінки"),
        "seniors": ("Yaşlılar", "كبار السن", "Люди старшого віку"),
        "skilled-workers": ("Nitelikli çalışanlar", "العمال المهرة", "Кваліфіковані фахівці"),
        "students": ("Üniversite öğrencileri", "طلاب الجامعات", "Студенти"),
        "employers": ("İşverenler", "أصحاب العمل", "Роботодавці"),
        "administration-staff": ("Belediye çalışanları", "موظفو الإدارة", "Працівники адміністрації"),
        "volunteers": ("Gönüllüler", "المتطوعون", "Волонтери"),
        "everyone": ("Herkes", "الجميع", "Усі"),
    },
    "District": {
        "citywide": ("Tüm şehir", "المدينة كلها", "Усе місто"),
    },
}


def fill(apps, schema_editor):
    for model_name, rows in LABELS.items():
        model = apps.get_model("programmes", model_name)
        for item in model.objects.filter(slug__in=rows):
            tr, ar, uk = rows[item.slug]
            labels = {"tr": tr, "ar": ar, "uk": uk}
            labels.update(item.labels or {})  # never overwrite what staff wrote
            model.objects.filter(pk=item.pk).update(labels=labels)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0011_taxonomy_labels")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
