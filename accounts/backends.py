"""Authentication: sign in with a user name, an e-mail address or a NIP."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class IdentifierBackend(ModelBackend):
    """Accept whichever identifier a civil servant remembers, with the usual password check."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = get_user_model().objects.get_by_identifier(username)
        if user is None:
            # Spend the same time as a real check so that timing does not reveal accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
