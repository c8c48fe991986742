from .pages import (  # noqa: F401
    Contact,
    HomePage,
    Outcome,
    ProgrammeAttachment,
    ProgrammeIndexPage,
    ProgrammePage,
    RelatedProgramme,
)
from .taxonomies import District, TargetGroup, Theme  # noqa: F401
