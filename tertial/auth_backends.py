"""Roles are the only source of rights (`tertial.access`, `tertial.admin_scope`).

Django's model permissions and groups would be a second source, to be kept in step with the roles by hand: a
controller put in a group with `change_namnd` could rename another nämnd in the admin. This backend logs users in
as Django's does but grants no model permission to anyone; superusers keep every right (Django grants those before
asking a backend). So an admin that is not scoped to the user's nämnder (`NamndScopedAdminMixin`) is for
superusers only, whatever groups or permissions an account has been given.
"""

from django.contrib.auth.backends import ModelBackend


class RoleBackend(ModelBackend):
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_module_perms(self, user_obj, app_label):
        return False
