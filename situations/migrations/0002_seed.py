"""The first life situations, in five languages (staff edit them under Snippets).

The translations are demo translations written for this site in plain language; they are
shown like any other snippet text and can be corrected in the admin.
"""

import uuid

from django.conf import settings
from django.db import migrations

SITUATIONS = [
    ("arrive", ["welcome"], ["newcomers"], {
        "de": "Ich bin neu in Stuttgart",
        "en": "I am new in Stuttgart",
        "tr": "Stuttgart'a yeni geldim",
        "ar": "أنا جديد في شتوتغارت",
        "uk": "Я нещодавно приїхав(-ла) до Штутгарта",
    }),
    ("language", ["language"], [], {
        "de": "Ich möchte Deutsch lernen",
        "en": "I want to learn German",
        "tr": "Almanca öğrenmek istiyorum",
        "ar": "أريد أن أتعلم اللغة الألمانية",
        "uk": "Я хочу вивчати німецьку мову",
    }),
    ("work", ["work"], [], {
        "de": "Ich suche Arbeit oder eine Ausbildung",
        "en": "I am looking for a job or an apprenticeship",
        "tr": "İş ya da meslek eğitimi arıyorum",
        "ar": "أبحث عن عمل أو تدريب مهني",
        "uk": "Я шукаю роботу або професійне навчання",
    }),
    ("certificate", ["work"], ["skilled-workers"], {
        "de": "Mein Abschluss aus dem Ausland soll anerkannt werden",
        "en": "I want my qualification from abroad to be recognised",
        "tr": "Yurt dışındaki diplomamın tanınmasını istiyorum",
        "ar": "أريد الاعتراف بشهادتي من الخارج",
        "uk": "Я хочу, щоб мій іноземний диплом визнали",
    }),
    ("school", ["education"], ["children", "young-people", "parents"], {
        "de": "Mein Kind braucht Unterstützung in Kita oder Schule",
        "en": "My child needs support at nursery or school",
        "tr": "Çocuğumun kreşte ya da okulda desteğe ihtiyacı var",
        "ar": "طفلي يحتاج إلى دعم في الروضة أو المدرسة",
        "uk": "Моїй дитині потрібна підтримка в садочку чи школі",
    }),
    ("health", ["health"], [], {
        "de": "Ich brauche Hilfe für meine Gesundheit oder bei Sorgen",
        "en": "I need help with my health or with worries",
        "tr": "Sağlığım ya da dertlerim için yardıma ihtiyacım var",
        "ar": "أحتاج إلى مساعدة لصحتي أو لهمومي",
        "uk": "Мені потрібна допомога зі здоров'ям або підтримка в труднощах",
    }),
    ("advice", ["refugees"], [], {
        "de": "Ich bin geflüchtet und suche Beratung",
        "en": "I had to flee my country and need advice",
        "tr": "Ülkemden kaçmak zorunda kaldım, danışmanlık arıyorum",
        "ar": "اضطررت إلى الفرار من بلدي وأحتاج إلى استشارة",
        "uk": "Я був(-ла) змушений(-а) тікати з дому і шукаю консультацію",
    }),
    ("rights", ["anti-discrimination"], [], {
        "de": "Ich wurde ungerecht behandelt oder diskriminiert",
        "en": "I was treated unfairly or discriminated against",
        "tr": "Haksızlığa ya da ayrımcılığa uğradım",
        "ar": "تعرّضت لمعاملة غير عادلة أو للتمييز",
        "uk": "Зі мною повелися несправедливо або мене дискримінували",
    }),
    ("people", ["neighbourhood", "participation", "culture-sport"], [], {
        "de": "Ich möchte Menschen treffen oder mich engagieren",
        "en": "I want to meet people or volunteer",
        "tr": "İnsanlarla tanışmak ya da gönüllü olmak istiyorum",
        "ar": "أريد التعرّف على أشخاص أو التطوّع",
        "uk": "Я хочу знайомитися з людьми або стати волонтером",
    }),
]


def seed(apps, schema_editor):
    LifeSituation = apps.get_model("situations", "LifeSituation")
    Locale = apps.get_model("wagtailcore", "Locale")
    Theme = apps.get_model("programmes", "Theme")
    TargetGroup = apps.get_model("programmes", "TargetGroup")
    if LifeSituation.objects.exists():
        return
    codes = [code for code, _name in settings.LANGUAGES]
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in codes}
    for order, (icon, themes, groups, sentences) in enumerate(SITUATIONS):
        key = uuid.uuid4()
        for code in codes:
            if code not in sentences:
                continue
            situation = LifeSituation.objects.create(
                translation_key=key, locale=locales[code], sentence=sentences[code], icon=icon,
                sort_order=order * 10,
            )
            if code == codes[0]:
                situation.themes.set(Theme.objects.filter(slug__in=themes))
                situation.target_groups.set(TargetGroup.objects.filter(slug__in=groups))


class Migration(migrations.Migration):
    dependencies = [
        ("situations", "0001_initial"),
        ("programmes", "0009_page_locale_title_index"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
