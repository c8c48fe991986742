#!/usr/bin/env python3
"""Synthetic programmes in the exchange format (kb-programmes/1), for benchmarks.

    python bench/generate.py N OUT.json [--seed 42] [--prefix syn]

German titles, summaries and descriptions are composed from a vocabulary of
integration-domain words: compounds (Sprach+kurs, Eltern+café …), inflected
adjectives and nouns, district names; taxonomies, years, outcomes, contacts and
related programmes are random but seeded. About 10 % carry an English
translation. The same N and seed always give the same file, byte for byte.
Standard library only (no Django), so it can run anywhere.
"""

import argparse
import json
import random
import re
import sys
import unicodedata

FORMAT = "kb-programmes/1"

THEMES = [
    "language", "education", "intercultural-opening", "refugees", "welcome", "work",
    "participation", "anti-discrimination", "health", "neighbourhood", "culture-sport",
]
TARGET_GROUPS = [
    "newcomers", "refugees", "children", "young-people", "parents", "women", "seniors",
    "skilled-workers", "students", "employers", "administration-staff", "volunteers", "everyone",
]
DISTRICTS = {
    "mitte": "Mitte", "nord": "Nord", "ost": "Ost", "sued": "Süd", "west": "West",
    "bad-cannstatt": "Bad Cannstatt", "birkach": "Birkach", "botnang": "Botnang",
    "degerloch": "Degerloch", "feuerbach": "Feuerbach", "hedelfingen": "Hedelfingen",
    "moehringen": "Möhringen", "muehlhausen": "Mühlhausen", "muenster": "Münster",
    "obertuerkheim": "Obertürkheim", "plieningen": "Plieningen", "sillenbuch": "Sillenbuch",
    "stammheim": "Stammheim", "untertuerkheim": "Untertürkheim", "vaihingen": "Vaihingen",
    "wangen": "Wangen", "weilimdorf": "Weilimdorf", "zuffenhausen": "Zuffenhausen",
}
LANGUAGES = ["de", "tr", "ar", "uk", "ru", "it", "el", "hr", "sr", "fa", "ps", "ku", "fr", "es",
             "pt", "pl", "ro", "bg", "sq", "ti", "en"]

# Compound heads and modifiers per theme: title nouns are built as modifier + head.
MODIFIERS = {
    "language": ["Sprach", "Deutsch", "Lese", "Schreib", "Konversations", "Alphabetisierungs"],
    "education": ["Bildungs", "Schul", "Lern", "Hausaufgaben", "Nachhilfe", "Eltern"],
    "intercultural-opening": ["Verwaltungs", "Diversitäts", "Personal", "Kompetenz", "Vielfalts"],
    "refugees": ["Flüchtlings", "Ankommens", "Unterkunfts", "Asyl", "Integrations"],
    "welcome": ["Willkommens", "Einbürgerungs", "Anerkennungs", "Orientierungs", "Service"],
    "work": ["Ausbildungs", "Berufs", "Arbeits", "Praktikums", "Bewerbungs", "Fachkräfte"],
    "participation": ["Beteiligungs", "Bürger", "Ehrenamts", "Beirats", "Demokratie"],
    "anti-discrimination": ["Antidiskriminierungs", "Beschwerde", "Gleichbehandlungs", "Respekt"],
    "health": ["Gesundheits", "Pflege", "Präventions", "Ernährungs", "Psycho"],
    "neighbourhood": ["Quartiers", "Nachbarschafts", "Stadtteil", "Begegnungs", "Familien"],
    "culture-sport": ["Kultur", "Sport", "Musik", "Theater", "Fußball", "Tanz"],
}
HEADS = [
    ("kurs", "m", "kurse"), ("café", "n", "cafés"), ("beratung", "f", "beratungen"),
    ("treff", "m", "treffs"), ("lotsen", "pl", "lotsen"), ("werkstatt", "f", "werkstätten"),
    ("patenschaft", "f", "patenschaften"), ("netzwerk", "n", "netzwerke"), ("projekt", "n", "projekte"),
    ("programm", "n", "programme"), ("begleitung", "f", "begleitungen"), ("börse", "f", "börsen"),
    ("zentrum", "n", "zentren"), ("initiative", "f", "initiativen"), ("gruppe", "f", "gruppen"),
    ("training", "n", "trainings"), ("sprechstunde", "f", "sprechstunden"), ("dienst", "m", "dienste"),
]
ADJECTIVES = ["interkulturell", "mehrsprachig", "niedrigschwellig", "kostenlos", "offen", "neu",
              "digital", "wohnortnah", "aufsuchend", "individuell", "gemeinsam", "kultursensibel"]
# adjective endings after no article (nominative), by gender
STRONG = {"m": "er", "f": "e", "n": "es", "pl": "e"}
AUDIENCE = {
    "newcomers": ("Neuzugewanderte", "newcomers"), "refugees": ("Geflüchtete", "refugees"),
    "children": ("Kinder", "children"), "young-people": ("Jugendliche", "young people"),
    "parents": ("Eltern", "parents"), "women": ("Frauen", "women"), "seniors": ("Seniorinnen und Senioren", "older people"),
    "skilled-workers": ("Fachkräfte", "skilled workers"), "students": ("Studierende", "students"),
    "employers": ("Unternehmen", "employers"), "administration-staff": ("Verwaltungsbeschäftigte", "city staff"),
    "volunteers": ("Ehrenamtliche", "volunteers"), "everyone": ("alle", "everyone"),
}
ENGLISH_THEME = {
    "language": "language course", "education": "learning support", "intercultural-opening": "diversity training",
    "refugees": "refugee support", "welcome": "welcome service", "work": "job training",
    "participation": "participation project", "anti-discrimination": "anti-discrimination advice",
    "health": "health guidance", "neighbourhood": "neighbourhood meeting point", "culture-sport": "sports and culture club",
}
ORG_KINDS = ["e.V.", "gGmbH", "Stiftung", "Verein", "Amt", "Zentrum"]
ORG_WORDS = ["Bildungswerk", "Jugendhaus", "Caritasverband", "Diakonie", "Forum", "Kulturverein",
             "Sportkreis", "Migrantenverein", "Elternnetzwerk", "Volkshochschule", "Nachbarschaftshaus",
             "Begegnungsstätte", "Integrationsbüro", "Stadtteilzentrum", "Frauenverein"]
ORG_NAMES = ["Neckar", "Kessel", "Killesberg", "Rosenstein", "Schlossgarten", "Hoppenlau", "Wilhelma",
             "Karlshöhe", "Bopser", "Feuersee", "Marienplatz", "Weißenhof", "Degerloch", "Solitude"]
FIRST = ["Ayşe", "Mehmet", "Olena", "Dmytro", "Fatima", "Ahmad", "Giulia", "Marco", "Eleni", "Jana",
         "Thomas", "Sabine", "Nikola", "Amira", "Lukas", "Derya", "Samira", "Petra", "Yusuf", "Irina"]
LAST = ["Yılmaz", "Schmidt", "Kovalenko", "Haddad", "Rossi", "Papadopoulos", "Novak", "Müller",
        "Karimi", "Weber", "Demir", "Hoffmann", "Nowak", "Bauer", "Ivanova", "Fischer"]
ROLES = ["Koordination", "Projektleitung", "Beratung", "Sozialarbeit", "Ansprechpartnerin", "Geschäftsführung"]
STREETS = ["Hauptstraße", "Königstraße", "Neckarstraße", "Marktplatz", "Schulstraße", "Bahnhofstraße",
           "Kirchstraße", "Wilhelmstraße", "Olgastraße", "Pragstraße"]
INDICATORS = [("Teilnehmende im Jahr", "Personen"), ("Beratungsgespräche", "Gespräche"),
              ("Kursabschlüsse", "Abschlüsse"), ("Vermittlungen in Ausbildung", "Personen"),
              ("Anteil bestandener Prüfungen", "Prozent"), ("Ehrenamtliche Stunden", "Stunden"),
              ("Veranstaltungen", "Termine")]
SENTENCES = [
    "{Adj} {noun_pl} für {aud} in {district} – {verb} und {verb2}.",
    "Das Angebot richtet sich an {aud} und wird von {org} getragen.",
    "Die {noun_pl} finden {freq} statt und sind {adj_pred}.",
    "Seit {year} begleiten Fachkräfte und Ehrenamtliche {aud} beim {topic}.",
    "Im Mittelpunkt stehen {topic}, {topic2} und der Austausch mit Nachbarinnen und Nachbarn.",
    "Die Anmeldung erfolgt direkt im {place} oder telefonisch bei der Koordinierungsstelle.",
    "Gemeinsam mit {partner} entstehen {adj_infl} Angebote für {aud}.",
    "Viele Teilnehmende kommen über Empfehlungen aus Schulen, Kitas und Beratungsstellen.",
    "Die Treffen werden in {langs} begleitet; Dolmetscherinnen helfen bei Bedarf.",
    "Ziel ist es, {aud} den Zugang zu {topic} zu erleichtern und Hürden abzubauen.",
]
TOPICS = ["Spracherwerb", "Berufseinstieg", "Wohnungssuche", "Behördengängen", "Anerkennung ausländischer Abschlüsse",
          "Kinderbetreuung", "Gesundheitsvorsorge", "Elternarbeit", "Vereinsleben", "Schulalltag",
          "Einbürgerung", "Nachbarschaftshilfe", "Ausbildungsplatzsuche", "Freizeitgestaltung"]
VERBS = ["Deutsch lernen", "Kontakte knüpfen", "Fragen klären", "Erfahrungen austauschen",
         "Bewerbungen schreiben", "gemeinsam kochen", "Sport treiben", "den Stadtteil entdecken"]
FREQ = ["wöchentlich", "zweimal pro Woche", "jeden Monat", "in den Schulferien", "samstags", "abends"]
PREDICATES = ["kostenlos", "offen für alle", "barrierefrei erreichbar", "ohne Anmeldung möglich"]
PLACES = ["Stadtteilzentrum", "Bürgerbüro", "Jugendhaus", "Sekretariat der Schule", "Welcome Center"]


def slugify(text):
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("Ä", "ae").replace("Ö", "oe").replace("Ü", "ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _cap(text):
    return text[:1].upper() + text[1:]


def inflect(adj, ending):
    """German adjective + ending: 'offen'+'e', 'kultursensibel'+'e' -> 'kultursensible'."""
    if adj.endswith("el") and ending.startswith("e"):
        adj = adj[:-2] + "l"
    return adj + ending


LANG_NAMES = {"de": "Deutsch", "tr": "Türkisch", "ar": "Arabisch", "uk": "Ukrainisch", "ru": "Russisch",
              "it": "Italienisch", "el": "Griechisch", "hr": "Kroatisch", "sr": "Serbisch", "fa": "Farsi",
              "ps": "Paschtu", "ku": "Kurdisch", "fr": "Französisch", "es": "Spanisch", "pt": "Portugiesisch",
              "pl": "Polnisch", "ro": "Rumänisch", "bg": "Bulgarisch", "sq": "Albanisch", "ti": "Tigrinya",
              "en": "Englisch"}


class Generator:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.people = {}  # identity -> contact details, see record()

    def pick(self, seq, k=None, lo=1, hi=3):
        if k is None:
            k = self.r.randint(lo, hi)
        return self.r.sample(seq, min(k, len(seq)))

    def compound(self, theme):
        mod = self.r.choice(MODIFIERS[theme])
        head, gender, plural = self.r.choice(HEADS)
        return mod + head, gender, mod + plural

    def organisation(self):
        return f"{self.r.choice(ORG_WORDS)} {self.r.choice(ORG_NAMES)} {self.r.choice(ORG_KINDS)}"

    def sentence(self, ctx):
        template = self.r.choice(SENTENCES)
        adj = self.r.choice(ADJECTIVES)
        return _cap(template.format(
            Adj=_cap(inflect(adj, "e")), adj_infl=inflect(adj, "e"), noun_pl=ctx["noun_pl"],
            aud=ctx["aud"], district=ctx["district"], org=ctx["org"],
            verb=self.r.choice(VERBS), verb2=self.r.choice(VERBS), freq=self.r.choice(FREQ),
            adj_pred=self.r.choice(PREDICATES), year=ctx["start"], topic=self.r.choice(TOPICS),
            topic2=self.r.choice(TOPICS), place=self.r.choice(PLACES), partner=ctx["partner"],
            langs=", ".join(ctx["langnames"]) or "Deutsch",
        ))

    def programme(self, i, n, prefix):
        r = self.r
        themes = self.pick(THEMES, lo=1, hi=3)
        theme = themes[0]
        noun, gender, noun_pl = self.compound(theme)
        groups = self.pick(TARGET_GROUPS, lo=0, hi=3)
        districts = ["citywide"] if r.random() < 0.2 else self.pick(list(DISTRICTS), lo=1, hi=4)
        district_names = [DISTRICTS.get(d, "ganz Stuttgart") for d in districts]
        aud = AUDIENCE[groups[0]][0] if groups else "Zugewanderte"
        adj = r.choice(ADJECTIVES)
        title_forms = [
            f"{_cap(inflect(adj, STRONG[gender]))} {noun} {district_names[0]}",
            f"{noun} für {aud}",
            f"{noun_pl} in {district_names[0]}",
            f"„{r.choice(ORG_NAMES)}“ – {noun} für {aud}",
            f"{_cap(inflect(adj, 'e'))} {noun_pl} für {aud} in {district_names[0]}",
        ]
        title = r.choice(title_forms)
        slug = f"{prefix}-{i:06d}-{slugify(title)}"[:100].rstrip("-")
        status = r.choices(["active", "completed", "planned"], [6, 3, 1])[0]
        start = r.randint(2001, 2025) if status != "planned" else r.randint(2026, 2027)
        end = None
        if status == "completed":
            end = r.randint(start, min(start + 8, 2026))
        elif status == "planned" and r.random() < 0.3:
            end = start + r.randint(1, 3)
        org = self.organisation()
        partners = [self.organisation() for _ in range(r.randint(0, 3))]
        langs = ["de"] + self.pick(LANGUAGES[1:], lo=0, hi=4)
        ctx = {"noun_pl": noun_pl, "aud": aud, "district": district_names[0], "org": org, "start": start,
               "partner": partners[0] if partners else "dem Bündnis für Integration",
               "langnames": [LANG_NAMES.get(c, c) for c in langs]}
        summary = " ".join(self.sentence(ctx) for _ in range(2))[:400].strip()
        paragraphs = [" ".join(self.sentence(ctx) for _ in range(r.randint(3, 6))) for _ in range(r.randint(1, 4))]
        description = "\n\n".join(paragraphs) if r.random() < 0.95 else None
        keywords = sorted({self.compound(t)[0] for t in themes for _ in range(r.randint(0, 2))})
        outcomes = []
        for _ in range(r.randint(0, 3)):
            indicator, unit = r.choice(INDICATORS)
            year = r.randint(start, max(start, 2025))
            if r.random() < 0.2:
                outcomes.append({"indicator": "Rückmeldungen der Teilnehmenden", "value": None, "unit": None,
                                 "year": year, "source": None, "note": "überwiegend positive Rückmeldungen"})
            else:
                value = r.randint(1, 100) if unit == "Prozent" else r.randint(5, 3000)
                if r.random() < 0.1:
                    value = round(value + r.random(), 1)
                outcomes.append({"indicator": indicator, "value": value, "unit": unit, "year": year,
                                 "source": f"Jahresbericht {year}", "note": None})
        contacts = []
        for _ in range(r.randint(0, 2)):
            first, last = r.choice(FIRST), r.choice(LAST)
            contact = {
                "name": f"{first} {last}" if r.random() < 0.8 else None,
                "role": r.choice(ROLES) if r.random() < 0.7 else None,
                "organisation": org,
                "email": f"{slugify(first)}.{slugify(last)}@example.org" if r.random() < 0.8 else None,
                "phone": f"0711 {r.randint(100, 999)}-{r.randint(1000, 9999)}",
                "street": f"{r.choice(STREETS)} {r.randint(1, 200)}",
                "postcode": f"70{r.randint(173, 629)}",
                "city": "Stuttgart",
                "opening_hours": r.choice(["Mo–Fr 9–12 Uhr", "Di und Do 14–18 Uhr", None]),
                "website": None,
                "languages": self.pick(langs, lo=1, hi=2),
            }
            # One person or desk is one shared record (programmes/models/contacts.py): the same
            # organisation, e-mail, name and role always come with the same details.
            key = (contact["organisation"], contact["email"], contact["name"], contact["role"])
            contacts.append(dict(self.people.setdefault(key, contact)))
        record = {
            "slug": slug,
            "title": title[:200],
            "summary": summary,
            "description": description,
            "themes": themes,
            "target_groups": groups,
            "districts": districts,
            "languages": langs,
            "status": status,
            "start_year": start,
            "end_year": end,
            "organisation": org,
            "partners": partners,
            "funding": r.choice(["Landeshauptstadt Stuttgart", "Land Baden-Württemberg", "ESF Plus",
                                 "Bundesamt für Migration und Flüchtlinge", None]),
            "website": f"https://www.example.org/programme/{slug[:60]}" if r.random() < 0.7 else None,
            "keywords": keywords,
            "outcomes": outcomes,
            "contacts": contacts,
            "related": [],  # filled once every slug is known
            "translations": {},
        }
        if r.random() < 0.10:
            en_aud = AUDIENCE[groups[0]][1] if groups else "immigrants"
            en_noun = ENGLISH_THEME[theme]
            record["translations"]["en"] = {
                "title": f"{_cap(en_noun)} for {en_aud} in {district_names[0]}",
                "summary": f"A {en_noun} for {en_aud}, run by {org}. Free of charge and open to everyone.",
                "description": (f"The {en_noun} meets {r.choice(['weekly', 'monthly', 'twice a week'])}. "
                                f"Participants learn about {r.choice(['jobs', 'schools', 'housing', 'health care'])} "
                                f"and meet their neighbours.\n\nSign up at the district office."),
                "keywords": [en_noun, en_aud],
            }
        return record


def generate(n, seed=42, prefix="syn"):
    gen = Generator(seed)
    programmes = [gen.programme(i, n, prefix) for i in range(n)]
    slugs = [p["slug"] for p in programmes]
    for i, p in enumerate(programmes):
        k = gen.r.choice([0, 0, 1, 2, 3])
        choices = {gen.r.randrange(n) for _ in range(k)} - {i} if n > 1 else set()
        p["related"] = [slugs[j] for j in sorted(choices)]
    return {"format": FORMAT, "programmes": programmes}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--prefix", default="syn")
    args = parser.parse_args(argv)
    data = generate(args.n, args.seed, args.prefix)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
