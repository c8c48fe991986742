"""Demo of the 2021 review: the hearing on 7 May, three topic sessions, the survey, the brochure.

Dates follow the city's plan as the public record describes it (the 20th anniversary of
the 2001 concept: hearing on 7 May 2021, digital topic sessions May–July, a survey before
the summer break, the brochure in autumn). Times of day, guests, findings, recommendation
texts and the foreword are invented for the demo and marked as sample data. Idempotent:
pages that exist are left as staff may have edited them.
"""

import datetime
import random
import zoneinfo

from django.db import transaction
from wagtail.models import Locale

from programmes.models import HomePage, ProgrammePage, Theme

from .models import (
    BrochurePage,
    Finding,
    Recommendation,
    ReviewEventPage,
    ReviewPage,
    SurveyFormField,
    SurveyPage,
    SurveySubmission,
)
from .survey_results import choice_labels

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SAMPLE = "(Beispieldaten für die Demo)"


def at(month, day, hour, minute=0):
    return datetime.datetime(2021, month, day, hour, minute, tzinfo=BERLIN)


REVIEW = {
    "title": "20 Jahre Bündnis für Integration – Fortschreibung des Integrationskonzepts",
    "slug": "fortschreibung-2021",
    "intro": (
        "2001 hat der Gemeinderat das Stuttgarter Integrationskonzept beschlossen. Zum 20-jährigen Bestehen "
        "wird es überprüft und fortgeschrieben: mit einer Anhörung, digitalen Themenrunden und einer "
        "Befragung der Bürgerinnen und Bürger."
    ),
    "body": (
        "<p>Eine Anhörung am 7. Mai mit Fachleuten aus Verwaltung, Politik, Zivilgesellschaft und "
        "Wissenschaft eröffnet eine digitale Reihe von Themenrunden zwischen Mai und Juli. Darin bewerten "
        "Fachkräfte und Ehrenamtliche, was erreicht wurde. Vor der Sommerpause läuft eine Befragung. Die "
        "Ergebnisse fließen in das fortgeschriebene Integrationskonzept, das im Herbst als Jubiläumsbroschüre "
        "erscheint.</p>"
    ),
}

EVENTS = [
    {
        "title": "Anhörung: 20 Jahre Bündnis für Integration",
        "slug": "anhoerung",
        "kind": "hearing", "format": "digital",
        "start": at(5, 7, 14), "end": at(5, 7, 17),
        "topic": "Auftakt der Fortschreibung: Was hat das Bündnis für Integration in 20 Jahren erreicht, "
                 "wo steht Stuttgart heute? Fachleute aus Verwaltung, Politik, Zivilgesellschaft und "
                 "Wissenschaft nehmen Stellung.",
        "moderation": f"Abteilung Integrationspolitik {SAMPLE}",
        "guests": "Fachleute aus der Stadtverwaltung\nMitglieder des Gemeinderats\n"
                  "Vertreterinnen und Vertreter der Zivilgesellschaft\nWissenschaft",
        "registration": f"Anmeldung bei der Abteilung Integrationspolitik; der Zugangslink wird nach der "
                        f"Anmeldung verschickt. {SAMPLE}",
        "themes": ["participation", "intercultural-opening"],
        "programmes": ["buendnis-fuer-integration-2001", "abteilung-integrationspolitik", "internationaler-ausschuss"],
        "findings": [
            "Das Bündnis als Verantwortungsgemeinschaft hat sich bewährt; die Beteiligten wünschen sich "
            "verbindlichere Ziele und regelmäßige Berichte. " + SAMPLE,
        ],
    },
    {
        "title": "Themenrunde: Vielfalt gestalten in der internationalen Stadt",
        "slug": "vielfalt-gestalten",
        "kind": "session", "format": "digital",
        "start": at(6, 9, 17), "end": at(6, 9, 19),
        "topic": "Vielfalt gestalten in der internationalen Stadt: interkulturelle Öffnung der Verwaltung, "
                 "Beteiligung und Schutz vor Diskriminierung.",
        "moderation": SAMPLE,
        "guests": "Fachkräfte aus Ämtern und Trägern\nEhrenamtlich Engagierte",
        "registration": f"Anmeldung per E-Mail bei der Abteilung Integrationspolitik. {SAMPLE}",
        "themes": ["intercultural-opening", "anti-discrimination", "participation"],
        "programmes": ["interkulturelle-fortbildung-verwaltung", "antidiskriminierungsstelle-stuttgart",
                       "migrantenorganisationen-staerken"],
        "findings": [
            "Interkulturelle Fortbildungen erreichen vor allem Beschäftigte, die ohnehin interessiert sind. " + SAMPLE,
        ],
    },
    {
        "title": "Themenrunde: Passgenaue Integrationsangebote für Neuzugewanderte",
        "slug": "angebote-neuzugewanderte",
        "kind": "session", "format": "digital",
        "start": at(6, 24, 17), "end": at(6, 24, 19),
        "topic": "Passgenaue Integrationsangebote für Neuzugewanderte: Ankommen, Beratung, Deutsch lernen "
                 "und der Weg in Ausbildung und Arbeit.",
        "moderation": SAMPLE,
        "guests": "Welcome Center Stuttgart\nMigrationsberatung\nSprachkursträger",
        "registration": f"Anmeldung per E-Mail bei der Abteilung Integrationspolitik. {SAMPLE}",
        "themes": ["welcome", "language", "work"],
        "programmes": ["welcome-center-stuttgart", "integrationskurse-volkshochschule",
                       "migrationsberatung-erwachsene", "anerkennungsberatung"],
        "findings": [
            "Neuzugewanderte finden die Angebote oft erst spät; eine gemeinsame Übersicht in mehreren "
            "Sprachen fehlt. " + SAMPLE,
        ],
    },
    {
        "title": "Themenrunde: Zusammenleben in den Stadtteilen",
        "slug": "zusammenleben-stadtteile",
        "kind": "session", "format": "digital",
        "start": at(7, 8, 17), "end": at(7, 8, 19),
        "topic": f"Zusammenleben in den Stadtteilen: Nachbarschaft, Begegnung und Beteiligung vor Ort. {SAMPLE}",
        "moderation": SAMPLE,
        "guests": "Stadtteilmütter\nFreundeskreise\nQuartiersmanagement",
        "registration": f"Anmeldung per E-Mail bei der Abteilung Integrationspolitik. {SAMPLE}",
        "themes": ["neighbourhood", "participation"],
        "programmes": ["stadtteilmuetter-elternbegleitung", "freundeskreise-fluechtlinge", "quartiersentwicklung-strategie"],
        "findings": [
            "Ehrenamtliche Freundeskreise tragen viel, brauchen aber verlässliche hauptamtliche "
            "Ansprechpersonen. " + SAMPLE,
        ],
    },
]

# (event slug, text, addressed to, status, reason, programme slugs, theme slugs) – all invented: sample.
RECOMMENDATIONS = [
    ("anhoerung", "Das fortgeschriebene Konzept nennt messbare Ziele und berichtet alle zwei Jahre darüber.",
     "politics", "adopted", "", ["buendnis-fuer-integration-2001"], ["participation"]),
    ("vielfalt-gestalten", "Interkulturelle Fortbildungen werden für Führungskräfte der Stadtverwaltung verbindlich.",
     "administration", "considering", "Die Finanzierung wird im nächsten Doppelhaushalt geprüft.",
     ["interkulturelle-fortbildung-verwaltung"], ["intercultural-opening"]),
    ("vielfalt-gestalten", "Anlaufstellen gegen Diskriminierung sollen in allen Stadtbezirken erreichbar sein.",
     "administration", "adopted", "", ["antidiskriminierungsstelle-stuttgart"], ["anti-discrimination"]),
    ("angebote-neuzugewanderte", "Eine mehrsprachige Übersicht aller Angebote für die ersten Monate in Stuttgart.",
     "administration", "adopted", "", ["welcome-center-stuttgart", "migrationsberatung-erwachsene"], ["welcome"]),
    ("angebote-neuzugewanderte", "Deutschkurse mit Kinderbetreuung an jedem Kursort.",
     "civil_society", "not_adopted",
     "An vielen Kursorten fehlen Räume; stattdessen werden Kurse mit Betreuung gezielt ausgebaut.",
     ["integrationskurse-volkshochschule", "mama-lernt-deutsch"], ["language"]),
    ("zusammenleben-stadtteile", "Freundeskreise erhalten in jedem Bezirk eine hauptamtliche Ansprechperson.",
     "politics", "considering", "", ["freundeskreise-fluechtlinge"], ["neighbourhood"]),
]

SURVEY_CLOSES = datetime.datetime(2021, 7, 28, 23, 59, tzinfo=BERLIN)  # before the summer holidays (29 July)

# (type, required, {lang: (label, choices)}) – translations are demo translations.
QUESTIONS = [
    ("radio", True, {
        "de": ("Wie willkommen fühlen Sie sich in Stuttgart?", "Sehr willkommen\nEher willkommen\nEher nicht willkommen\nNicht willkommen\nWeiß nicht"),
        "en": ("How welcome do you feel in Stuttgart?", "Very welcome\nFairly welcome\nNot very welcome\nNot welcome\nDon't know"),
        "tr": ("Stuttgart'ta kendinizi ne kadar hoş karşılanmış hissediyorsunuz?", "Çok\nOldukça\nPek değil\nHiç\nBilmiyorum"),
        "ar": ("إلى أي مدى تشعر بالترحيب في شتوتغارت؟", "مرحب بي جدًا\nمرحب بي إلى حد ما\nغير مرحب بي كثيرًا\nغير مرحب بي\nلا أعرف"),
        "uk": ("Наскільки бажаним гостем ви почуваєтеся у Штутгарті?", "Дуже\nДосить\nНе дуже\nЗовсім ні\nНе знаю"),
    }),
    ("scale", True, {
        "de": ("Wie bewerten Sie die Angebote zum Deutschlernen?", "sehr schlecht, sehr gut"),
        "en": ("How do you rate the offers for learning German?", "very poor, very good"),
        "tr": ("Almanca öğrenme olanaklarını nasıl değerlendiriyorsunuz?", "çok kötü, çok iyi"),
        "ar": ("كيف تقيّم عروض تعلّم اللغة الألمانية؟", "سيئة جدًا, جيدة جدًا"),
        "uk": ("Як ви оцінюєте можливості вивчення німецької мови?", "дуже погано, дуже добре"),
    }),
    ("checkboxes", False, {
        "de": ("Welche Themen sollen im neuen Konzept wichtiger werden?", "Deutsch lernen\nBildung und Ausbildung\nArbeit\nWohnen\nGesundheit\nZusammenleben im Stadtteil\nSchutz vor Diskriminierung"),
        "en": ("Which topics should become more important in the new concept?", "Learning German\nEducation and training\nWork\nHousing\nHealth\nLiving together in the neighbourhood\nProtection from discrimination"),
        "tr": ("Yeni kavramda hangi konular daha önemli olmalı?", "Almanca öğrenmek\nEğitim ve meslek eğitimi\nİş\nKonut\nSağlık\nMahallede birlikte yaşam\nAyrımcılığa karşı koruma"),
        "ar": ("ما المواضيع التي يجب أن تصبح أكثر أهمية في المفهوم الجديد؟", "تعلّم الألمانية\nالتعليم والتدريب المهني\nالعمل\nالسكن\nالصحة\nالعيش المشترك في الحي\nالحماية من التمييز"),
        "uk": ("Які теми мають стати важливішими в новій концепції?", "Вивчення німецької\nОсвіта і професійне навчання\nРобота\nЖитло\nЗдоров'я\nСпільне життя в районі\nЗахист від дискримінації"),
    }),
    ("radio", False, {
        "de": ("Seit wann leben Sie in Stuttgart?", "Weniger als 2 Jahre\n2 bis 10 Jahre\nMehr als 10 Jahre\nSeit meiner Geburt"),
        "en": ("How long have you lived in Stuttgart?", "Less than 2 years\n2 to 10 years\nMore than 10 years\nSince I was born"),
        "tr": ("Ne zamandan beri Stuttgart'ta yaşıyorsunuz?", "2 yıldan az\n2 ila 10 yıl\n10 yıldan fazla\nDoğduğumdan beri"),
        "ar": ("منذ متى تعيش في شتوتغارت؟", "أقل من سنتين\nمن 2 إلى 10 سنوات\nأكثر من 10 سنوات\nمنذ ولادتي"),
        "uk": ("Як довго ви живете у Штутгарті?", "Менше 2 років\nВід 2 до 10 років\nПонад 10 років\nЗ народження"),
    }),
    ("multiline", False, {
        "de": ("Was sollte die Stadt aus Ihrer Sicht besser machen?", ""),
        "en": ("What should the city do better, in your view?", ""),
        "tr": ("Sizce şehir neyi daha iyi yapmalı?", ""),
        "ar": ("برأيك، ما الذي يجب أن تحسّنه المدينة؟", ""),
        "uk": ("Що, на вашу думку, місто має робити краще?", ""),
    }),
]

SURVEY_TEXT = {
    "de": ("Befragung: Ihre Meinung zur Integration in Stuttgart",
           "Ich bin einverstanden, dass meine anonymen Antworten gespeichert und ausgewertet werden."),
    "en": ("Survey: your view on integration in Stuttgart",
           "I agree that my anonymous answers are stored and evaluated."),
    "tr": ("Anket: Stuttgart'ta uyum hakkındaki görüşünüz",
           "Anonim cevaplarımın kaydedilmesini ve değerlendirilmesini kabul ediyorum."),
    "ar": ("استطلاع: رأيك في الاندماج في شتوتغارت",
           "أوافق على حفظ إجاباتي المجهولة الهوية وتقييمها."),
    "uk": ("Опитування: ваша думка про інтеграцію у Штутгарті",
           "Я погоджуюся, що мої анонімні відповіді зберігаються та аналізуються."),
}

SURVEY_INTRO = {
    "en": "<p>How do you experience integration in Stuttgart? The survey takes about five minutes. "
          "We do not ask for your name or contact details.</p>",
    "tr": "<p>Stuttgart'ta uyumu nasıl yaşıyorsunuz? Anket yaklaşık beş dakika sürer. "
          "Adınızı veya iletişim bilgilerinizi sormuyoruz.</p>",
    "ar": "<p>كيف تعيش الاندماج في شتوتغارت؟ يستغرق الاستطلاع نحو خمس دقائق. لا نسأل عن اسمك أو بيانات الاتصال بك.</p>",
    "uk": "<p>Як ви сприймаєте інтеграцію у Штутгарті? Опитування триває близько п'яти хвилин. "
          "Ми не питаємо ваше ім'я чи контактні дані.</p>",
}

BROCHURE = {
    "title": "20 Jahre Stuttgarter Bündnis für Integration",
    "slug": "jubilaeumsbroschuere",
    "subtitle": "Das fortgeschriebene Integrationskonzept",
    "foreword": (
        "<p>Vor zwanzig Jahren hat Stuttgart mit dem „Bündnis für Integration“ als eine der ersten deutschen "
        "Städte ein umfassendes Integrationskonzept beschlossen. Diese Broschüre zeigt, was daraus geworden "
        "ist, was die Anhörung, die Themenrunden und die Befragung ergeben haben und welche Empfehlungen in "
        "das fortgeschriebene Konzept eingehen.</p><p>" + SAMPLE + "</p>"
    ),
    "foreword_by": "Landeshauptstadt Stuttgart",
}
ENGLISH = {
    "fortschreibung-2021": "20 years of the Alliance for Integration – updating the integration concept",
    "jubilaeumsbroschuere": "20 years of Stuttgart's Alliance for Integration",
    "anhoerung": "Hearing: 20 years of the Alliance for Integration",
    "vielfalt-gestalten": "Topic session: shaping diversity in the international city",
    "angebote-neuzugewanderte": "Topic session: tailored integration programmes for newcomers",
    "zusammenleben-stadtteile": "Topic session: living together in the neighbourhoods",
}


def programmes(slugs, locale):
    return list(ProgrammePage.objects.filter(slug__in=slugs, locale=locale))


@transaction.atomic
def ensure_review_pages():
    """The review under the German home page with its events, survey and brochure, in every locale."""
    default = Locale.get_default()
    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        return None
    review = ReviewPage.objects.child_of(home).first()
    if review is None:
        review = home.add_child(instance=ReviewPage(locale=default, **REVIEW))
        review.save_revision().publish()
    for spec in EVENTS:
        if ReviewEventPage.objects.child_of(review).filter(slug=spec["slug"]).exists():
            continue
        fields = {k: v for k, v in spec.items() if k not in ("themes", "programmes", "findings")}
        event = ReviewEventPage(locale=default, **fields)
        event.themes = list(Theme.objects.filter(slug__in=spec["themes"]))
        event.programmes = programmes(spec["programmes"], default)
        event.findings = [Finding(text=text) for text in spec["findings"]]
        recommendations = []
        for slug, text, addressed, status, reason, programme_slugs, theme_slugs in RECOMMENDATIONS:
            if slug == spec["slug"]:
                rec = Recommendation(text=text, addressed_to=addressed, status=status, status_reason=reason, sample=True)
                rec.programmes = programmes(programme_slugs, default)
                rec.themes = list(Theme.objects.filter(slug__in=theme_slugs))
                recommendations.append(rec)
        event.recommendations = recommendations
        review.add_child(instance=event)
        event.save_revision().publish()
    survey = SurveyPage.objects.child_of(review).first()
    if survey is None:
        title, consent = SURVEY_TEXT["de"]
        survey = SurveyPage(
            locale=default, title=title, slug="befragung", consent_text=consent, closes_at=SURVEY_CLOSES,
            results_published=True,
            intro="<p>Wie erleben Sie Integration in Stuttgart? Die Befragung dauert etwa fünf Minuten. "
                  "Wir fragen nicht nach Ihrem Namen oder Ihren Kontaktdaten.</p>",
            thank_you_text="<p>Ihre Antworten fließen in das fortgeschriebene Integrationskonzept ein.</p>",
        )
        survey.form_fields = [
            SurveyFormField(field_type=kind, required=required, label=texts["de"][0], choices=texts["de"][1], sort_order=n)
            for n, (kind, required, texts) in enumerate(QUESTIONS)
        ]
        review.add_child(instance=survey)
        survey.save_revision().publish()
    if not BrochurePage.objects.child_of(review).exists():
        brochure = review.add_child(instance=BrochurePage(locale=default, **BROCHURE))
        brochure.save_revision().publish()
    for locale in Locale.objects.exclude(pk=default.pk):
        translate_tree(review, locale)
    if not SurveySubmission.objects.filter(page__in=SurveyPage.objects.all()).exists():
        make_sample_answers(survey)
    return review


def translate_tree(page, locale):
    """Copies in `locale`: survey questions translated, English titles; other text stays German."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        code = locale.language_code
        if isinstance(translation, SurveyPage) and code in SURVEY_TEXT:
            translation.title, translation.consent_text = SURVEY_TEXT[code]
            translation.intro = SURVEY_INTRO.get(code, translation.intro)
            own = {field.sort_order: field for field in translation.form_fields.all()}
            for n, (_kind, _required, texts) in enumerate(QUESTIONS):
                if n in own and code in texts:
                    own[n].label, own[n].choices = texts[code]
                    own[n].save()
        if code == "en" and page.slug in ENGLISH:
            translation.title = ENGLISH[page.slug]
        translation.save_revision().publish()
    for child in page.get_children().specific():
        translate_tree(child, locale)


def make_sample_answers(survey, count=120, seed=2021):
    """Invented answers, each flagged is_sample, spread over the survey's languages."""
    rng = random.Random(seed)
    pages = list(SurveyPage.objects.filter(translation_key=survey.translation_key))
    weights = {"de": 6, "en": 1, "tr": 2, "ar": 2, "uk": 1}
    created = []
    for _n in range(count):
        page = rng.choices(pages, [weights.get(p.locale.language_code, 1) for p in pages])[0]
        data = {}
        for field in page.get_form_fields():
            if field.field_type == "multiline":
                continue  # no invented free text: it could be mistaken for a citizen's words
            labels = choice_labels(field)
            if field.field_type == "checkboxes":
                data[field.clean_name] = rng.sample(labels, rng.randint(1, 3))
            elif field.field_type == "scale":
                data[field.clean_name] = rng.choices(labels, [1, 2, 4, 5, 3])[0]
            else:
                data[field.clean_name] = rng.choices(labels, list(range(len(labels), 0, -1)))[0]
        created.append(SurveySubmission(page=page, form_data=data, is_sample=True))
    SurveySubmission.objects.bulk_create(created)
    return len(created)
