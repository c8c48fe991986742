from django.db import migrations

# The curated starting list (formerly search/synonym_seed.py); migration 0009 folds it, and
# whatever staff made of it, into the vocabulary.
SEED = [
    ("de", "Flüchtlinge, Geflüchtete, Asylsuchende, Asylbewerber, Schutzsuchende", "Geflüchtete Menschen"),
    ("de", "Deutschkurs, Sprachkurs, Deutschunterricht, Integrationskurs", "Deutsch lernen"),
    ("de", "Deutsch lernen, Deutschkurs", ""),
    ("de", "VHS, Volkshochschule", "Abkürzung"),
    ("de", "Kita, Kindertagesstätte, Kindergarten, Kindertageseinrichtung", "Abkürzung"),
    ("de", "Kinderbetreuung, Kinderbeaufsichtigung, Betreuung", ""),
    ("de", "BAMF, Bundesamt für Migration und Flüchtlinge", "Abkürzung"),
    ("de", "Migranten, Zugewanderte, Eingewanderte, Menschen mit Migrationsgeschichte, Migrationshintergrund", ""),
    ("de", "Neuzugewanderte, Neuankömmlinge, Newcomer", ""),
    ("de", "Mutter, Mütter, Mama", ""),
    ("de", "Vater, Väter, Papa", ""),
    ("de", "Ehrenamt, Freiwilligenarbeit, ehrenamtlich, Freiwillige", ""),
    ("de", "Job, Arbeit, Beschäftigung, Arbeitsplatz, Stelle", ""),
    ("de", "Ausbildung, Lehre, Berufsausbildung", ""),
    ("de", "Anerkennung, Berufsanerkennung, Gleichwertigkeit, Anerkennungsverfahren", ""),
    ("de", "Beratung, Sprechstunde, Anlaufstelle, Hilfe", ""),
    ("de", "Dolmetscher, Sprachmittler, Übersetzer, Dolmetschen", ""),
    ("de", "Diskriminierung, Benachteiligung, Rassismus, Ungleichbehandlung", ""),
    ("de", "Einbürgerung, Staatsangehörigkeit, Staatsbürgerschaft, deutscher Pass", ""),
    ("de", "Jugendliche, junge Menschen, Teenager", ""),
    ("de", "Senioren, ältere Menschen, Ältere", ""),
    ("de", "Hausaufgabenhilfe, Nachhilfe, Lernhilfe, Lernförderung", ""),
    ("de", "Wohnung, Wohnen, Unterkunft, Wohnraum", ""),
    ("de", "Arzt, Ärztin, Gesundheitsversorgung, Gesundheit", ""),
    ("de", "interkulturelle Öffnung, interkulturelle Kompetenz, Diversität, Vielfalt", ""),
    ("de", "Verwaltung, Stadtverwaltung, Behörde, Amt, Ämter", ""),
    ("de", "Welcome Center, Willkommenszentrum, Willkommensstelle", ""),
    ("de", "Quartier, Stadtteil, Nachbarschaft, Stadtbezirk", ""),
    ("de", "Frauen, Mädchen", ""),
    ("de", "Schwimmkurs, Schwimmen lernen, Schwimmunterricht", ""),
    ("de", "Fachkräfte, Fachkraft, qualifizierte Zuwanderer", ""),
    ("de", "Jobcenter, Arbeitsagentur, Agentur für Arbeit", ""),
    ("de", "Azubi, Auszubildende, Lehrling", "Abkürzung"),
    ("de", "IHK, Industrie- und Handelskammer", "Abkürzung"),
    ("de", "HWK, Handwerkskammer", "Abkürzung"),
    ("de", "Uni, Universität, Hochschule", "Abkürzung"),
    ("de", "Kiga, Kindergarten", "Abkürzung"),
    ("de", "AG, Arbeitsgemeinschaft, Arbeitskreis", "Abkürzung"),
    ("de", "DaZ, Deutsch als Zweitsprache", "Abkürzung"),
    ("de", "DaF, Deutsch als Fremdsprache", "Abkürzung"),
    ("de", "BAföG, Ausbildungsförderung", "Abkürzung"),
    ("de", "Pflegekraft, Pflegerin, Pfleger, Pflegefachkraft", ""),
    ("en", "refugees, asylum seekers, displaced people", ""),
    ("en", "german course, language course, german lessons, learn german", ""),
    ("en", "childcare, child care, daycare, kindergarten", ""),
    ("en", "job, work, employment", ""),
    ("en", "advice, counselling, counseling, support", ""),
    ("en", "recognition, qualification recognition, credential recognition", ""),
    ("en", "newcomers, new arrivals, immigrants, migrants", ""),
    ("en", "discrimination, racism", ""),
]



def seed(apps, schema_editor):
    Synonym = apps.get_model("kbsearch", "Synonym")
    if Synonym.objects.exists():
        return
    Synonym.objects.bulk_create([Synonym(lang=lang, terms=terms, note=note) for lang, terms, note in SEED])


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
