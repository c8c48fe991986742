from .contacts import ContactPoint  # noqa: F401
from .fact_translations import FactTranslation  # noqa: F401
from .facts import ProgrammeHours, ProgrammeVenue  # noqa: F401
from .pages import (  # noqa: F401
    HomePage,
    Outcome,
    ProgrammeAttachment,
    ProgrammeContact,
    ProgrammeIndexPage,
    ProgrammePage,
    RelatedProgramme,
)
from .taxonomies import District, TargetGroup, Theme  # noqa: F401
