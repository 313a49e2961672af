"""Importing the housing stock from the ERP's CSV export: the service, the command and the admin action."""

import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from tenants.forms import HousingStockUploadForm
from tenants.housing_import import import_housing_stock
from tenants.models import Complex, Dwelling, Household
from tests.factories import CorporationFactory, DwellingFactory, staff_member

pytestmark = pytest.mark.django_db

HEADER = "complex_code,street,house_number,addition,postcode,city,tenancy_reference\n"
GOOD_FILE = (
    HEADER
    + "UTR-001,Kanaalstraat,10,,3531 ab,Utrecht,HC001\n"
    + "UTR-001,Kanaalstraat,12,A,3531AB,Utrecht,HC002\n"
    + "UTR-002,Damstraat,3,,3531 AC,Utrecht,\n"
)


@pytest.fixture(autouse=True)
def english():
    """Reasons are asserted in English; the interface's default language is Dutch."""
    with translation.override("en"):
        yield


@pytest.fixture
def corporation():
    return CorporationFactory(slug="mitros")


def stock_of(corporation):
    """What staff would see in the admin: every dwelling with its active tenancy, as plain tuples."""
    active = dict(
        Household.objects.active()
        .filter(dwelling__complex__corporation=corporation)
        .values_list("dwelling_id", "tenancy_reference")
    )
    return sorted(
        (d.complex.code, d.street, d.house_number, d.addition, d.postcode, d.city, active.get(d.pk))
        for d in Dwelling.objects.filter(complex__corporation=corporation).select_related("complex")
    )


def test_a_good_file_creates_complexes_dwellings_and_households(corporation):
    report = import_housing_stock(corporation, GOOD_FILE)

    assert report.ok
    assert (report.complexes_created, report.dwellings_created, report.households_created) == (2, 3, 2)
    assert stock_of(corporation) == [
        ("UTR-001", "Kanaalstraat", 10, "", "3531AB", "Utrecht", "HC001"),
        ("UTR-001", "Kanaalstraat", 12, "A", "3531AB", "Utrecht", "HC002"),
        ("UTR-002", "Damstraat", 3, "", "3531AC", "Utrecht", None),
    ]


def test_a_dutch_excel_export_with_semicolons_and_a_byte_order_mark_is_read(corporation):
    content = (
        "Complexcode;Straat;Huisnummer;Toevoeging;Postcode;Woonplaats;Huurcontract\r\n"
        " UTR-001 ; Oudegracht ; 7 ; bis ; 3511 ab ; Utrecht ; HC7 \r\n"
    ).encode("utf-8-sig")

    report = import_housing_stock(corporation, io.BytesIO(content))

    assert report.ok, report.errors
    assert stock_of(corporation) == [("UTR-001", "Oudegracht", 7, "bis", "3511AB", "Utrecht", "HC7")]


def test_an_export_in_windows_1252_keeps_its_accents(corporation):
    content = "straat;huisnummer;postcode;plaats;complex;huurcontract\nCoöperatiestraat;1;3511AB;Utrecht;C1;H1\n"

    report = import_housing_stock(corporation, content.encode("cp1252"))

    assert report.ok, report.errors
    assert Dwelling.objects.get().street == "Coöperatiestraat"


def test_bad_rows_are_reported_with_line_numbers_and_reasons_and_nothing_is_saved(corporation):
    content = (
        HEADER
        + "UTR-001,Kanaalstraat,10,,3531AB,Utrecht,HC001\n"
        + "UTR-001,,12,,3531AB,Utrecht,HC002\n"
        + "UTR-001,Kanaalstraat,twelve,,3531AB,Utrecht,HC003\n"
        + "UTR-001,Kanaalstraat,14,,0531AB,Utrecht,HC004\n"
        + "UTR-001,Kanaalstraat,10,,3531 AB,Utrecht,HC005\n"
    )

    report = import_housing_stock(corporation, content)

    assert [(error.line, error.reason) for error in report.errors] == [
        (3, "street is empty"),
        (4, "house number twelve is not a whole number"),
        (5, "postcode 0531AB is not four digits and two letters (like 3511 AB)"),
        (6, "the same address as line 2"),
    ]
    assert not Complex.objects.exists()
    assert not Dwelling.objects.exists()


def test_an_address_of_another_corporations_complex_is_refused(corporation):
    DwellingFactory(postcode="3531AB", house_number=10, addition="")

    report = import_housing_stock(corporation, GOOD_FILE)

    assert [(error.line, error.reason) for error in report.errors] == [
        (2, "this address belongs to a complex of another corporation")
    ]
    assert stock_of(corporation) == []


def test_a_file_without_a_street_column_is_refused_on_the_header_line(corporation):
    report = import_housing_stock(
        corporation, "complex;huisnummer;postcode;plaats;huurcontract\nC1;1;3511AB;Utrecht;H1\n"
    )

    assert [error.line for error in report.errors] == [1]
    assert report.errors[0].reason.startswith("missing column street")
    assert not Dwelling.objects.exists()


def test_importing_the_same_file_again_changes_nothing(corporation):
    import_housing_stock(corporation, GOOD_FILE)
    before = stock_of(corporation)

    report = import_housing_stock(corporation, GOOD_FILE)

    assert report.ok
    assert report.dwellings_unchanged == 3
    assert report.complexes_created == report.dwellings_created == report.dwellings_updated == 0
    assert report.households_created == report.households_ended == 0
    assert stock_of(corporation) == before
    assert Household.objects.count() == 2


def test_a_new_tenancy_reference_ends_the_old_household_and_starts_a_new_one(corporation):
    import_housing_stock(corporation, GOOD_FILE)

    report = import_housing_stock(corporation, GOOD_FILE.replace("HC001", "HC999"))

    assert (report.households_ended, report.households_created) == (1, 1)
    old = Household.objects.get(tenancy_reference="HC001")
    assert old.ended_on == timezone.localdate()
    assert Household.objects.active().get(dwelling=old.dwelling).tenancy_reference == "HC999"


def test_an_empty_tenancy_reference_marks_the_home_vacant(corporation):
    import_housing_stock(corporation, GOOD_FILE)

    report = import_housing_stock(corporation, GOOD_FILE.replace("HC002", ""))

    assert (report.households_ended, report.households_created) == (1, 0)
    assert not Household.objects.active().filter(tenancy_reference="HC002").exists()


def test_a_tenancy_ended_by_mistake_is_reopened_when_the_next_file_has_it_again(corporation):
    import_housing_stock(corporation, GOOD_FILE)
    import_housing_stock(corporation, GOOD_FILE.replace("HC002", ""))

    report = import_housing_stock(corporation, GOOD_FILE)

    assert (report.households_reopened, report.households_created) == (1, 0)
    assert Household.objects.active().filter(tenancy_reference="HC002").exists()


def test_a_renamed_street_updates_the_dwelling_instead_of_adding_one(corporation):
    import_housing_stock(corporation, GOOD_FILE)

    report = import_housing_stock(corporation, GOOD_FILE.replace("Damstraat", "Nieuwe Damstraat"))

    assert (report.dwellings_updated, report.dwellings_created) == (1, 0)
    assert Dwelling.objects.filter(complex__corporation=corporation).count() == 3
    assert Dwelling.objects.get(postcode="3531AC").street == "Nieuwe Damstraat"


def test_the_import_runs_the_same_few_queries_for_ten_rows_or_three_hundred(corporation, django_assert_max_num_queries):
    def rows(count):
        return HEADER + "".join(f"C{n // 50},Laan,{n + 1},,3511AB,Utrecht,H{n}\n" for n in range(count))

    import_housing_stock(corporation, rows(10))
    with django_assert_max_num_queries(15):
        report = import_housing_stock(corporation, rows(300).replace(",H", ",N"))

    assert report.dwellings_created == 290
    assert report.households_ended == 10


# --- manage.py import_housing_stock ------------------------------------------------------------------------


def test_the_command_imports_a_file_and_prints_the_counts(corporation, tmp_path):
    path = tmp_path / "stock.csv"
    path.write_text(GOOD_FILE, encoding="utf-8")
    out = io.StringIO()

    call_command("import_housing_stock", "--corporation", "mitros", str(path), stdout=out)

    assert "dwellings created: 3" in out.getvalue()
    assert Dwelling.objects.filter(complex__corporation=corporation).count() == 3


def test_the_command_exits_non_zero_and_lists_every_bad_line(corporation, tmp_path):
    path = tmp_path / "stock.csv"
    path.write_text(HEADER + "C1,Laan,1,,3511AB,Utrecht,H1\nC1,Laan,x,,3511AB,Utrecht,H2\nC1,,2,,35,Utrecht,H3\n")
    err = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_housing_stock", "--corporation", "mitros", str(path), stderr=err)

    assert error.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "line 3: house number x is not a whole number",
        "line 4: street is empty",
        "line 4: postcode 35 is not four digits and two letters (like 3511 AB)",
    ]
    assert not Dwelling.objects.exists()


# --- The admin action ---------------------------------------------------------------------------------------


def signed_in_staff(client, corporation):
    user = staff_member(corporation)
    TOTP.activate(user, generate_totp_secret())  # staff must have two-factor authentication set up
    client.force_login(user)
    return client


def upload(name, content):
    return SimpleUploadedFile(name, content.encode("utf-8") if isinstance(content, str) else content)


def test_staff_import_a_file_through_the_admin_action(client, corporation):
    signed_in_staff(client, corporation)
    changelist = reverse("admin:tenants_corporation_changelist")

    response = client.post(
        changelist, {"action": "import_housing_stock", "_selected_action": [corporation.pk]}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    response = client.post(response.url, {"file": upload("stock.csv", GOOD_FILE)}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "The housing stock was imported." in response.text
    assert Dwelling.objects.filter(complex__corporation=corporation).count() == 3


def test_the_admin_lists_bad_rows_with_their_line_numbers_and_saves_nothing(client, corporation):
    signed_in_staff(client, corporation)
    url = reverse("admin:tenants_corporation_import_housing_stock", args=[corporation.pk])

    response = client.post(url, {"file": upload("stock.csv", HEADER + "C1,Laan,x,,3511AB,Utrecht,H1\n")})

    assert response.status_code == 200
    assert response.context["report"].errors[0].line == 2
    assert "<td>2</td>" in response.text
    assert not Dwelling.objects.exists()


def test_the_admin_refuses_an_upload_that_is_not_a_text_file(client, corporation):
    signed_in_staff(client, corporation)
    url = reverse("admin:tenants_corporation_import_housing_stock", args=[corporation.pk])

    response = client.post(url, {"file": upload("stock.xlsx", b"PK\x03\x04\x00\x00binary")}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "This is not a text (CSV) file." in response.text
    assert not Dwelling.objects.exists()


def test_the_admin_refuses_a_file_over_the_size_limit(client, corporation, monkeypatch):
    monkeypatch.setattr(HousingStockUploadForm, "MAX_BYTES", len(GOOD_FILE) - 1)
    signed_in_staff(client, corporation)
    url = reverse("admin:tenants_corporation_import_housing_stock", args=[corporation.pk])

    response = client.post(url, {"file": upload("stock.csv", GOOD_FILE)}, HTTP_ACCEPT_LANGUAGE="en")

    assert "The file may be at most 20 MB." in response.text
    assert not Dwelling.objects.exists()


def test_staff_of_another_corporation_cannot_import_into_it(client, corporation):
    signed_in_staff(client, CorporationFactory())
    url = reverse("admin:tenants_corporation_import_housing_stock", args=[corporation.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"file": upload("stock.csv", GOOD_FILE)}).status_code == 404
    assert not Dwelling.objects.exists()
