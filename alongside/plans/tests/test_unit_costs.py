import pytest
from django.urls import reverse

from alongside.plans.models import UnitCost


def _data(**fields):
    return {
        "name": "Home care",
        "unit": "hour",
        "amount_pence": "£28.50",
        "effective_from_day": "1",
        "effective_from_month": "4",
        "effective_from_year": "2026",
        "source": "Fair cost of care 2026-27",
        **fields,
    }


def test_an_administrator_keeps_the_unit_cost_table(client_as):
    client = client_as("administrator")
    assert client.post(reverse("core:unit-costs-new"), _data()).status_code == 302
    rate = UnitCost.objects.get()
    assert (rate.amount_pence, rate.unit, str(rate.effective_from)) == (2850, "hour", "2026-04-01")
    listing = client.get(reverse("core:unit-costs")).content.decode()
    assert "£28.50" in listing
    change = client.get(reverse("core:unit-costs-change", args=[rate.pk])).content.decode()
    assert 'value="28.50"' in change


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "Amount cannot be less than £0"),
        ("£2,000,000", "Amount must be £1,000,000 or less"),
        ("twelve", "Enter amount in pounds and pence, like 85.50"),
        ("12.345", "Enter amount in pounds and pence, like 85.50"),
        ("", "Enter amount"),
    ],
)
def test_absurd_amounts_are_refused_clearly(client_as, amount, message):
    response = client_as("administrator").post(
        reverse("core:unit-costs-new"), _data(amount_pence=amount)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not UnitCost.objects.exists()


@pytest.mark.parametrize(
    ("typed", "pence"), [("85", 8500), ("85.5", 8550), ("£1,234.56", 123456), ("0", 0)]
)
def test_amounts_are_read_as_people_type_them(client_as, typed, pence):
    client_as("administrator").post(reverse("core:unit-costs-new"), _data(amount_pence=typed))
    assert UnitCost.objects.get().amount_pence == pence


def test_demo_rates_are_labelled_illustrative(db):
    from alongside.demo.council import demo_load

    demo_load()
    assert UnitCost.objects.count() >= 5
    assert all(
        r.is_illustrative and "illustrative" in r.amount_display for r in UnitCost.objects.all()
    )
