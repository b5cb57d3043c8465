from django.urls import reverse

from sakip.roles import Role
from tests.factories import PASSWORD


def test_login_page_speaks_indonesian(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Nama pengguna" in html
    assert "Kata sandi" in html
    assert 'lang="id"' in html


def test_correct_password_leads_to_the_beranda(client, org):
    response = client.post(reverse("login"), {"username": "camat.awayan", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")


def test_wrong_password_is_explained_in_indonesian(client, org):
    response = client.post(reverse("login"), {"username": "camat.awayan", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_six_wrong_passwords_lock_the_account_from_that_address(client, org):
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "camat.awayan", "password": "salah"})
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": "camat.awayan", "password": "salah"})
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post(reverse("login"), {"username": "camat.awayan", "password": PASSWORD})
    assert response.status_code == 429
    # Another account from the same address is not locked.
    response = client.post(reverse("login"), {"username": "sekretaris.awayan", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_is_a_post_and_ends_the_session(client_for, org):
    client = client_for(org.person("awayan", Role.CAMAT))
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("beranda")).status_code == 302


def test_password_change_validates_in_indonesian(client_for, org):
    client = client_for(org.person("awayan", Role.CAMAT))
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    assert "terlalu pendek" in response.content.decode()


def test_password_change_succeeds(client_for, org):
    client = client_for(org.person("awayan", Role.CAMAT))
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Balangan-Sejahtera-88", "new_password2": "Balangan-Sejahtera-88"},
    )
    assert response.status_code == 302


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
