"""Import of the housing stock from the CSV file that a housing ERP exports.

One row per dwelling. The first row names the columns; `;` (Dutch Excel) and `,` both work as delimiter, and a
UTF-8 byte order mark is ignored. Header names are matched without case, spaces, dashes, dots or underscores,
so "Complex code", "complex_code" and "COMPLEXCODE" are the same. Accepted names:

    complex code       complexcode, complex, complexnummer, complexnr
    street             straat, straatnaam, street
    house number       huisnummer, huisnr, housenumber, number
    addition           toevoeging, huisnummertoevoeging, addition   (the only optional column)
    postcode           postcode, postalcode, zipcode, zip
    city               plaats, woonplaats, city, town
    tenancy reference  huurcontract, huurcontractnummer, contractnummer, tenancyreference, tenancy

Other columns are ignored. An empty tenancy reference means the home is vacant.

Every row is checked before anything is written; if one row is wrong nothing of the file is saved and the
report lists each bad row with its line number and the reason, in the user's language. Importing the same
file again changes nothing: complexes are matched on their code, dwellings on their address (postcode, house
number, addition) and households on the tenancy reference of the dwelling's active household. A different
reference means a new tenant moved in: the old household ends today and a new one starts. A reference the
dwelling had before (a household ended by mistake, for example by an export with a blank row) is reopened,
because a tenancy reference occurs only once per dwelling.

It is built for a whole corporation's stock (30,000 homes): the existing stock is read in a few queries and
written with bulk inserts and updates, never a query per row.
"""

import csv
import io
import logging
import re
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Complex, Corporation, Dwelling, Household

logger = logging.getLogger(__name__)

COLUMN_NAMES = {
    "complex_code": ("complexcode", "complex", "complexnummer", "complexnr"),
    "street": ("straat", "straatnaam", "street"),
    "house_number": ("huisnummer", "huisnr", "housenumber", "number"),
    "addition": ("toevoeging", "huisnummertoevoeging", "addition"),
    "postcode": ("postcode", "postalcode", "zipcode", "zip"),
    "city": ("plaats", "woonplaats", "city", "town"),
    "tenancy_reference": ("huurcontract", "huurcontractnummer", "contractnummer", "tenancyreference", "tenancy"),
}
OPTIONAL_COLUMNS = {"addition"}
COLUMN_LABELS = {
    "complex_code": gettext_lazy("complex code"),
    "street": gettext_lazy("street"),
    "house_number": gettext_lazy("house number"),
    "addition": gettext_lazy("addition"),
    "postcode": gettext_lazy("postcode"),
    "city": gettext_lazy("city"),
    "tenancy_reference": gettext_lazy("tenancy reference"),
}
MAX_LENGTHS = {"complex_code": 40, "street": 200, "addition": 10, "city": 100, "tenancy_reference": 40}
MAX_HOUSE_NUMBER = 99999
POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
DIGITS = re.compile(r"[0-9]+")
# NUL (which PostgreSQL cannot store) and the other control characters have no place in an address.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")
BATCH_SIZE = 1000


class UnreadableFile(ValueError):
    """The upload is not a text file; the message is for the person who uploaded it."""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self):
        return _("line %(line)d: %(reason)s") % {"line": self.line, "reason": self.reason}


@dataclass
class ImportReport:
    rows: int = 0
    complexes_created: int = 0
    dwellings_created: int = 0
    dwellings_updated: int = 0
    dwellings_unchanged: int = 0
    households_created: int = 0
    households_ended: int = 0
    households_reopened: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def counts(self):
        """(label, number) pairs for showing the outcome, in the user's language."""
        return [
            (_("rows read"), self.rows),
            (_("complexes created"), self.complexes_created),
            (_("dwellings created"), self.dwellings_created),
            (_("dwellings updated"), self.dwellings_updated),
            (_("dwellings unchanged"), self.dwellings_unchanged),
            (_("households created"), self.households_created),
            (_("households ended"), self.households_ended),
            (_("households reopened"), self.households_reopened),
        ]


@dataclass(frozen=True, slots=True)
class HousingRow:
    line: int
    complex_code: str
    street: str
    house_number: int
    addition: str
    postcode: str
    city: str
    tenancy_reference: str

    @property
    def address(self):
        return (self.postcode, self.house_number, self.addition)


def decode_csv_bytes(data):
    """The text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252 as older Excel writes it."""
    if b"\x00" in data:
        raise UnreadableFile(_("This is not a text (CSV) file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file could not be read as text; save it as CSV (UTF-8).")) from error


def import_housing_stock(corporation, file_or_text, *, imported_by=None):
    """Bring the corporation's complexes, dwellings and households in line with the file; all or nothing."""
    report = ImportReport()
    try:
        rows, errors = parse_housing_csv(_as_text(file_or_text))
    except UnreadableFile as error:
        report.errors = [RowError(1, str(error))]
        return report
    report.rows = len(rows)
    with transaction.atomic():
        # One import per corporation at a time (a no-op on SQLite, which writes one at a time anyway).
        Corporation.objects.select_for_update().filter(pk=corporation.pk).exists()
        stock = ExistingStock.load(corporation, rows)
        errors += [
            RowError(row.line, _("this address belongs to a complex of another corporation"))
            for row in rows
            if row.address in stock.other_corporations_addresses
        ]
        if errors:
            report.errors = sorted(errors, key=lambda error: error.line)
            return report
        _write(corporation, rows, stock, report)
    counts = {name: number for name, number in asdict(report).items() if name != "errors"}
    logger.info("Housing stock of %s imported by %s: %s", corporation.slug, imported_by, counts)
    return report


def _as_text(file_or_text):
    content = file_or_text.read() if hasattr(file_or_text, "read") else file_or_text
    if isinstance(content, bytes):
        return decode_csv_bytes(content)
    return content.removeprefix("\ufeff")


# --- Reading and checking the file ---------------------------------------------------------------------------


def parse_housing_csv(text):
    """The file's rows, checked one by one: (rows that are fine, errors of the rows that are not)."""
    first_line = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, errors, seen = [], [], {}
    try:
        header = next((record for record in reader if any(value.strip() for value in record)), None)
        if header is None:
            return [], [RowError(1, _("the file is empty"))]
        columns, header_errors = _columns(header, reader.line_num)
        if header_errors:
            return [], header_errors
        for record in reader:
            if not any(value.strip() for value in record):
                continue  # spreadsheets often end with empty rows
            row = _checked_row(record, reader.line_num, columns, len(header), errors)
            if row is None:
                continue
            if row.address in seen:
                errors.append(RowError(row.line, _("the same address as line %(line)d") % {"line": seen[row.address]}))
                continue
            seen[row.address] = row.line
            rows.append(row)
    except csv.Error as error:
        errors.append(RowError(reader.line_num, _("the file could not be read as CSV (%(error)s)") % {"error": error}))
    return rows, errors


def _normalised_name(name):
    return re.sub(r"[\s_\-.]", "", name.strip().lower())


def _columns(header, line):
    """Which position holds which column, and errors for columns that are missing or there twice."""
    positions, errors = {}, []
    for position, name in enumerate(header):
        normalised = _normalised_name(name)
        column = next((column for column, names in COLUMN_NAMES.items() if normalised in names), None)
        if column is None:
            continue
        if column in positions:
            errors.append(RowError(line, _("column %(column)s appears twice") % {"column": name.strip()}))
        positions[column] = position
    for column, names in COLUMN_NAMES.items():
        if column not in positions and column not in OPTIONAL_COLUMNS:
            reason = _("missing column %(column)s (accepted names: %(names)s)")
            errors.append(RowError(line, reason % {"column": COLUMN_LABELS[column], "names": ", ".join(names)}))
    return positions, errors


def _checked_row(record, line, columns, width, errors):
    """The row as a HousingRow, or None after adding its errors (all of them, not just the first)."""
    if len(record) < width or any(value.strip() for value in record[width:]):
        reason = _("this row has %(found)d columns, the header has %(expected)d")
        errors.append(RowError(line, reason % {"found": len(record), "expected": width}))
        return None
    values = {column: record[position].strip() for column, position in columns.items()}
    values.setdefault("addition", "")
    values["postcode"] = re.sub(r"\s", "", values["postcode"]).upper()
    problems = _problems(values, original_postcode=record[columns["postcode"]].strip())
    if problems:
        errors.extend(RowError(line, reason) for reason in problems)
        return None
    return HousingRow(line=line, **{**values, "house_number": int(values["house_number"])})


def _problems(values, original_postcode):
    problems = []
    for column in ("complex_code", "street", "house_number", "postcode", "city"):
        if not values[column]:
            problems.append(_("%(column)s is empty") % {"column": COLUMN_LABELS[column]})
    for column in ("complex_code", "street", "addition", "city", "tenancy_reference"):
        if CONTROL_CHARACTER.search(values[column]):
            problems.append(
                _("%(column)s contains a character that cannot be stored") % {"column": COLUMN_LABELS[column]}
            )
    for column, limit in MAX_LENGTHS.items():
        if len(values[column]) > limit:
            reason = _("%(column)s is longer than %(limit)d characters")
            problems.append(reason % {"column": COLUMN_LABELS[column], "limit": limit})
    house_number = values["house_number"]
    if house_number and not DIGITS.fullmatch(house_number):
        problems.append(_("house number %(value)s is not a whole number") % {"value": house_number})
    elif house_number and not 0 < int(house_number) <= MAX_HOUSE_NUMBER:
        reason = _("house number %(value)s is not between 1 and %(max)d")
        problems.append(reason % {"value": house_number, "max": MAX_HOUSE_NUMBER})
    if values["postcode"] and not POSTCODE.fullmatch(values["postcode"]):
        reason = _("postcode %(value)s is not four digits and two letters (like 3511 AB)")
        problems.append(reason % {"value": original_postcode})
    return problems


# --- What is there already, and writing the difference --------------------------------------------------------


@dataclass
class ExistingStock:
    """The corporation's current stock, read in a handful of queries, keyed the way the file's rows match it."""

    complexes: dict  # code -> Complex
    dwellings: dict  # (postcode, house number, addition) -> Dwelling
    active_households: dict  # dwelling id -> (household id, tenancy reference)
    ended_households: dict  # (dwelling id, tenancy reference) -> household id
    other_corporations_addresses: set

    @classmethod
    def load(cls, corporation, rows):
        dwellings = Dwelling.objects.filter(complex__corporation=corporation).only(
            "id", "complex_id", "street", "house_number", "addition", "postcode", "city"
        )
        households = Household.objects.filter(dwelling__complex__corporation=corporation).values_list(
            "id", "dwelling_id", "tenancy_reference", "ended_on"
        )
        active, ended = {}, {}
        for pk, dwelling_id, reference, ended_on in households:
            if ended_on is None:
                active[dwelling_id] = (pk, reference)
            else:
                ended[(dwelling_id, reference)] = pk
        return cls(
            complexes={complex_.code: complex_ for complex_ in Complex.objects.filter(corporation=corporation)},
            dwellings={(d.postcode, d.house_number, d.addition): d for d in dwellings},
            active_households=active,
            ended_households=ended,
            other_corporations_addresses=_addresses_elsewhere(corporation, {row.postcode for row in rows}),
        )


def _addresses_elsewhere(corporation, postcodes):
    """Addresses with these postcodes that belong to other corporations (the postcode index keeps this quick)."""
    postcodes, found = sorted(postcodes), set()
    for start in range(0, len(postcodes), BATCH_SIZE):
        found.update(
            Dwelling.objects.filter(postcode__in=postcodes[start : start + BATCH_SIZE])
            .exclude(complex__corporation=corporation)
            .values_list("postcode", "house_number", "addition")
        )
    return found


def _write(corporation, rows, stock, report):
    complexes = _complexes_for(corporation, rows, stock, report)
    dwellings = _dwellings_for(rows, stock, complexes, report)
    _move_households(rows, dwellings, stock, report)


def _complexes_for(corporation, rows, stock, report):
    new = {}
    for row in rows:
        if row.complex_code not in stock.complexes and row.complex_code not in new:
            new[row.complex_code] = Complex(corporation=corporation, code=row.complex_code, city=row.city)
    # PostgreSQL and SQLite >= 3.35 set the primary keys of bulk-created objects.
    Complex.objects.bulk_create(new.values(), batch_size=BATCH_SIZE)
    report.complexes_created = len(new)
    return {**stock.complexes, **new}


def _dwellings_for(rows, stock, complexes, report):
    """The dwelling of every row (address -> Dwelling), created or brought up to date."""
    dwellings, new, changed = {}, [], []
    for row in rows:
        complex_id = complexes[row.complex_code].pk
        dwelling = stock.dwellings.get(row.address)
        if dwelling is None:
            dwelling = Dwelling(
                complex_id=complex_id,
                street=row.street,
                house_number=row.house_number,
                addition=row.addition,
                postcode=row.postcode,
                city=row.city,
            )
            new.append(dwelling)
        elif (dwelling.street, dwelling.city, dwelling.complex_id) != (row.street, row.city, complex_id):
            dwelling.street, dwelling.city, dwelling.complex_id = row.street, row.city, complex_id
            changed.append(dwelling)
        dwellings[row.address] = dwelling
    Dwelling.objects.bulk_create(new, batch_size=BATCH_SIZE)
    Dwelling.objects.bulk_update(changed, ["street", "city", "complex"], batch_size=BATCH_SIZE)
    report.dwellings_created = len(new)
    report.dwellings_updated = len(changed)
    report.dwellings_unchanged = len(rows) - len(new) - len(changed)
    return dwellings


def _move_households(rows, dwellings, stock, report):
    """End households whose tenancy is no longer in the file; start (or reopen) the ones that are new."""
    to_end, to_reopen, to_create = [], [], []
    for row in rows:
        dwelling_id = dwellings[row.address].pk
        active_id, active_reference = stock.active_households.get(dwelling_id, (None, None))
        if active_reference == row.tenancy_reference:
            continue
        if active_id is not None:
            to_end.append(active_id)
        if not row.tenancy_reference:
            continue
        ended_id = stock.ended_households.get((dwelling_id, row.tenancy_reference))
        if ended_id is not None:
            to_reopen.append(ended_id)
        else:
            to_create.append(Household(dwelling_id=dwelling_id, tenancy_reference=row.tenancy_reference))
    # In this order, so that a dwelling never has two active households (a database constraint).
    _update_in_batches(to_end, ended_on=timezone.localdate())
    _update_in_batches(to_reopen, ended_on=None)
    Household.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    report.households_ended = len(to_end)
    report.households_reopened = len(to_reopen)
    report.households_created = len(to_create)


def _update_in_batches(household_ids, **values):
    for start in range(0, len(household_ids), BATCH_SIZE):
        Household.objects.filter(pk__in=household_ids[start : start + BATCH_SIZE]).update(**values)
