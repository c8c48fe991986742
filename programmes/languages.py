"""ISO 639-1 language codes and the names shown to visitors.

The exchange format lists the languages a service is offered in as ISO 639-1 codes;
visitors read names in their own language: German and English from the table below (the
city's wording), every other language from Django's translated language names.
"""

from django.utils import translation
from django.utils.translation import get_language_info

ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "
    "cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
    "ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw "
    "ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
    "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr "
    "ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
    "yo za zh zu".split()
)

# (German, English) names for the languages Stuttgart's services are most often offered in.
LANGUAGE_NAMES = {
    "de": ("Deutsch", "German"),
    "en": ("Englisch", "English"),
    "tr": ("Türkisch", "Turkish"),
    "ar": ("Arabisch", "Arabic"),
    "uk": ("Ukrainisch", "Ukrainian"),
    "ru": ("Russisch", "Russian"),
    "it": ("Italienisch", "Italian"),
    "el": ("Griechisch", "Greek"),
    "hr": ("Kroatisch", "Croatian"),
    "sr": ("Serbisch", "Serbian"),
    "bs": ("Bosnisch", "Bosnian"),
    "fa": ("Persisch (Farsi)", "Persian (Farsi)"),
    "ps": ("Paschtu", "Pashto"),
    "ku": ("Kurdisch", "Kurdish"),
    "fr": ("Französisch", "French"),
    "es": ("Spanisch", "Spanish"),
    "pt": ("Portugiesisch", "Portuguese"),
    "pl": ("Polnisch", "Polish"),
    "ro": ("Rumänisch", "Romanian"),
    "bg": ("Bulgarisch", "Bulgarian"),
    "sq": ("Albanisch", "Albanian"),
    "ti": ("Tigrinya", "Tigrinya"),
    "so": ("Somali", "Somali"),
    "zh": ("Chinesisch", "Chinese"),
    "vi": ("Vietnamesisch", "Vietnamese"),
    "hu": ("Ungarisch", "Hungarian"),
}


def language_name(code, lang="de"):
    """The name of language `code` for a reader of `lang` ("турецька" for tr read in uk)."""
    names = LANGUAGE_NAMES.get(code)
    if lang not in ("de", "en"):
        try:
            info = get_language_info(code)
        except KeyError:
            info = None
        if info:
            with translation.override(lang):
                return str(info["name_translated"])
    if not names:
        return code
    return names[0] if lang == "de" else names[1]
