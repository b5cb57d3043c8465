from oauth2_provider.oauth2_validators import OAuth2Validator


class NipValidator(OAuth2Validator):
    """The kabupaten's identity: the NIP in the `nip` claim (the provider's user's `last_name` holds it; a user
    whose last_name is empty gets no claim, as a badly configured realm would send)."""

    oidc_claim_scope = None  # every claim below is released for the `openid` scope

    def get_additional_claims(self, request):
        claims = {"name": request.user.first_name}
        if request.user.last_name:
            claims["nip"] = request.user.last_name
        return claims
