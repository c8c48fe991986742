"""Teams: each office edits its own programmes; publishing needs approval or a publisher.

Wagtail grants page permissions on subtrees. Programme URLs stay flat (/programme/<slug>/),
so every team group gets add/change on the whole tree and `TeamPermissionTester` narrows
"change" to programmes whose `team` is one of the user's teams. Users who may publish
(Integrationsbeauftragte, Moderators) are not narrowed. Edits by team members go through
Wagtail's default workflow, renamed "Redaktionsprüfung" (docs/staff.md).
"""

from django.apps import apps as global_apps
from wagtail.models.pages import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

TEAM_PREFIX = "Team: "
TEAMS = ["Team: Welcome Center", "Team: Sprachförderung", "Team: Integrationsbüro"]
PUBLISHERS = "Integrationsbeauftragte"
MODERATORS = "Moderators"  # created by Wagtail, approver of its default workflow
EDIT_ACTIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
PUBLISH_ACTIONS = EDIT_ACTIONS + ["publish_page", "bulk_delete_page"]
# Model permissions (app, model, codename): teams choose shared contacts and create new ones
# from the programme form's chooser; publishers and moderators also edit them (a change shows
# on every programme at once) and read the feedback inbox.
TEAM_MODEL_PERMISSIONS = [
    ("programmes", "contactpoint", "view_contactpoint"), ("programmes", "contactpoint", "add_contactpoint"),
]
PUBLISHER_MODEL_PERMISSIONS = TEAM_MODEL_PERMISSIONS + [
    ("programmes", "contactpoint", "change_contactpoint"),
    ("feedback", "feedback", "view_feedback"), ("feedback", "feedback", "change_feedback"),
]


def ensure_teams(apps=None):
    """Create the team, publisher and moderator groups with their page permissions (idempotent).

    Takes the migration `apps` registry so the data migration and `setup_teams` share it.
    """
    if apps is None:
        apps = global_apps
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")

    def permission(app_label, model, codename):
        # Django creates permissions after all migrations; a fresh database needs them now.
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        return Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
        )[0]

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    admin_access = permission("wagtailadmin", "admin", "access_admin")
    media = [
        permission("wagtailimages", "image", "add_image"), permission("wagtailimages", "image", "choose_image"),
        permission("wagtaildocs", "document", "add_document"),
        permission("wagtaildocs", "document", "choose_document"),
    ]
    plan = [(name, EDIT_ACTIONS, TEAM_MODEL_PERMISSIONS) for name in TEAMS] + [
        (PUBLISHERS, PUBLISH_ACTIONS, PUBLISHER_MODEL_PERMISSIONS),
        (MODERATORS, PUBLISH_ACTIONS, PUBLISHER_MODEL_PERMISSIONS),
    ]
    groups = {}
    for name, actions, model_permissions in plan:
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(admin_access, *[permission(*spec) for spec in model_permissions])
        if root is None:
            continue
        for codename in actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission("wagtailcore", "page", codename)
            )
        if root_collection is not None:
            for media_permission in media:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=media_permission
                )
    return groups


def user_teams(user):
    """Ids of the team groups `user` belongs to (cached on the user object)."""
    if not hasattr(user, "_kb_team_ids"):
        user._kb_team_ids = (
            set(user.groups.filter(name__startswith=TEAM_PREFIX).values_list("pk", flat=True))
            if user.is_authenticated else set()
        )
    return user._kb_team_ids


class TeamPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with team members confined to their own team's programmes.

    A team member without publish rights keeps only "add" on other pages (to create a
    programme in the catalogue) and loses every right on programmes of other teams.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if not user.is_active or user.is_superuser or "publish" in self.permissions:
            return
        teams = user_teams(user)
        if not teams:
            return
        if not hasattr(page, "team_id"):
            self.permissions = self.permissions & {"add"}  # home page, catalogue
        elif page.pk is not None and page.team_id not in teams:
            self.permissions = set()


def limit_team_choices(form):
    """In the editor, a team member can only give a programme to one of their own teams."""
    user = getattr(form, "for_user", None)
    field = form.fields.get("team")
    if user is None or field is None or user.is_superuser:
        return

    if PagePermissionPolicy().user_has_permission(user, "publish"):
        return
    teams = user_teams(user)
    if teams:
        field.queryset = field.queryset.filter(pk__in=teams)
        field.required = True
