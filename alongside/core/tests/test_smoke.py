import pytest

from conftest import ROLE_MEMBERS


@pytest.mark.parametrize("role", ROLE_MEMBERS)
def test_every_role_has_a_home(client_as, role):
    assert client_as(ROLE_MEMBERS[role]).get("/").status_code == 200
