"""Audit log entries for permission changes: group page permissions, group permissions, memberships.

Wagtail logs page actions itself; changes to who may do what are recorded here. In the
admin, Wagtail's log context supplies the user who made the change.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission

PAGE_PERMISSION = "editorial.page_permission"
GROUP_PERMISSIONS = "editorial.group_permissions"
MEMBERSHIP = "editorial.membership"
CHANGES = {"post_add": "granted", "post_remove": "revoked", "post_clear": "revoked"}


def page_permission_saved(sender, instance, created=False, **kwargs):
    change = "granted" if kwargs.get("signal") is post_save else "revoked"
    if change == "granted" and not created:
        return
    log(instance=instance.group, action=PAGE_PERMISSION, data={
        "change": change, "permission": instance.permission.codename,
        "page": instance.page.title, "page_id": instance.page_id,
    })


def group_permissions_changed(sender, instance, action, pk_set, model, **kwargs):
    if action not in CHANGES or not isinstance(instance, Group):
        return
    codenames = sorted(model.objects.filter(pk__in=pk_set or ()).values_list("codename", flat=True))
    log(instance=instance, action=GROUP_PERMISSIONS, data={"change": CHANGES[action], "permissions": codenames})


def memberships_changed(sender, instance, action, pk_set, model, reverse, **kwargs):
    if action not in CHANGES:
        return
    if reverse:  # group.user_set.add(user): one entry per user
        users = get_user_model().objects.filter(pk__in=pk_set or ())
        for user in users:
            log(instance=user, action=MEMBERSHIP, data={"change": CHANGES[action], "groups": [instance.name]})
        return
    names = sorted(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    log(instance=instance, action=MEMBERSHIP, data={"change": CHANGES[action], "groups": names})


def connect():
    post_save.connect(page_permission_saved, sender=GroupPagePermission, dispatch_uid="editorial.pageperm_saved")
    post_delete.connect(page_permission_saved, sender=GroupPagePermission, dispatch_uid="editorial.pageperm_deleted")
    m2m_changed.connect(group_permissions_changed, sender=Group.permissions.through,
                        dispatch_uid="editorial.group_permissions")
    m2m_changed.connect(memberships_changed, sender=get_user_model().groups.through,
                        dispatch_uid="editorial.memberships")
