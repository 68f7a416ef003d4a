"""Bringing the directory in step with a feed's records, one record at a time: checked, cleaned,
then added, updated (with field-by-field history) or found unchanged by checksum. Runs inside
the importer's transaction. ADR 23."""

import hashlib
import json

from django.utils import timezone

from alongside.directory import oruk
from alongside.directory.cleaning import clean_line
from alongside.directory.hsds import (
    Fitter,
    location_values,
    organization_values,
    schedule_values,
    service_values,
    term_values,
)
from alongside.directory.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceChange,
    Taxonomy,
    TaxonomyTerm,
)
from alongside.directory.validation import Problem, check

BATCH = 500
TermLink = TaxonomyTerm.services.through


def _jsonable(value):
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def _checksum(payload: dict) -> str:
    text = json.dumps(payload, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class Writer:
    def __init__(self, *, source, run):
        self.source, self.run = source, run
        self.problems: list[dict] = []
        self.warnings: list[dict] = []
        self.counts = {"imported": 0, "updated": 0, "unchanged": 0}
        self.new_ids: list = []
        self.changed_ids: list = []
        self.seen_ids: set[str] = set()  # every service id the feed listed, valid or not
        self._names: dict[str, str] = {}
        self.read_services = False
        self.position = 0
        self.skipped = 0
        self.now = timezone.now()
        self.existing = {
            feed_id: (pk, checksum)
            for pk, feed_id, checksum in Service.objects.filter(source=source).values_list(
                "pk", "feed_id", "checksum"
            )
        }
        self.organizations = {o.feed_id: o for o in Organization.objects.filter(source=source)}
        self.locations = {place.feed_id: place for place in Location.objects.filter(source=source)}
        self.taxonomies = {t.name: t for t in Taxonomy.objects.all()}
        self.terms = {(t.taxonomy_id, t.name): t for t in TaxonomyTerm.objects.all()}
        self._done_orgs: set[str] = set()
        self._new: list[Service] = []
        self._schedules: list[Schedule] = []
        self._links: list[ServiceAtLocation] = []
        self._term_links: list = []

    # --- reporting ------------------------------------------------------------------------------

    def _note(self, into: list, record, name, problems) -> None:
        label = record if isinstance(record, str) and record else f"record {self.position}"
        for problem in problems:
            into.append(
                {"record": label, "name": name, "problem": problem.label, "value": problem.value}
            )

    def _skip(self, record, name, problems) -> None:
        self.skipped += 1
        self._note(self.problems, record, name, problems)

    def take(self, kind: str, record, *, v1: bool) -> None:
        self.position += 1
        handler = {
            "service": self._service_record,
            "organization": self._organization_record,
            "service_at_location": self._service_at_location_record,
            "taxonomy": self._taxonomy_record,
            "taxonomy_term": self._term_record,
        }[kind]
        handler(record, v1=v1)

    # --- services -------------------------------------------------------------------------------

    def _service_record(self, raw, *, v1=False, organization=None, places=(), repeat_ok=False):
        self.read_services = True
        if v1 and isinstance(raw, dict):
            mapped = oruk.service_from_v1(raw)
            record, audience, notes = mapped.record, mapped.audience, mapped.notes
        else:
            record, audience, notes = raw, "", []
        verdict = check(record, "service")
        record = record if isinstance(record, dict) else {}
        fit = Fitter(verdict.bad, notes)
        feed_id = record.get("id")
        name = clean_line(record["name"]) if isinstance(record.get("name"), str) else ""
        errors = list(verdict.errors)
        values = service_values(record, fit, audience=audience) if verdict.valid else None
        if values is not None and not values["name"]:
            errors.append(Problem("name is empty once HTML is removed"))
        if isinstance(feed_id, str) and len(feed_id) > 200:
            errors.append(Problem("id is longer than 200 characters"))
        key = feed_id if isinstance(feed_id, str) and feed_id.strip() else None
        if key is not None and key in self._names:
            if repeat_ok:
                return self._existing_service(key), False
            errors.append(
                Problem("id was already used by an earlier record", repr(self._names[key]))
            )
        elif key is not None:
            self._names[key] = name
            self.seen_ids.add(key)
        if errors:
            self._skip(feed_id, name, errors)
            return None, False
        org = organization or self._nested_organization(record, verdict, name)
        places = [*self._places(record, verdict, fit), *places]
        schedules = self._schedules_of(record, fit)
        terms = self._terms_of(record, fit)
        self._note(self.warnings, key, name, verdict.warnings + fit.notes)
        return self._upsert(key, values, org, places, schedules, terms), True

    def _existing_service(self, key: str):
        for service in self._new:
            if service.feed_id == key:
                return service
        pk = self.existing.get(key, (None,))[0]
        return Service.objects.filter(pk=pk).first()

    def _upsert(self, key, values, org, places, schedules, terms):
        payload = {
            **values,
            "organization": org.feed_id if org else "",
            "locations": sorted(place.feed_id for place in places),
            "schedules": schedules,
            "terms": sorted(term.pk.hex for term in terms),
        }
        checksum = _checksum(payload)
        known = self.existing.get(key)
        if known is None:
            service = Service(
                source=self.source,
                feed_id=key,
                organization=org,
                checksum=checksum,
                created_at=self.now,
                updated_at=self.now,
                **values,
            )
            self._new.append(service)
            self.new_ids.append(service.id)
            self.counts["imported"] += 1
            self._children(service, places, schedules, terms)
            if len(self._new) >= BATCH:
                self.flush()
            return service
        if known[1] == checksum:
            self.counts["unchanged"] += 1
            return None
        service = Service.objects.select_related("organization").get(pk=known[0])
        before = self._snapshot(service)
        after = _jsonable(
            {
                **payload,
                "locations": [p.name or p.feed_id for p in places],
                "schedules": [str(Schedule(**s)) for s in schedules],
                "terms": sorted(term.name for term in terms),
            }
        )
        changes = {
            field: [before.get(field), after[field]]
            for field in after
            if before.get(field) != after[field]
        }
        Service.objects.filter(pk=service.pk).update(
            organization=org, checksum=checksum, updated_at=self.now, **values
        )
        service.schedules.all().delete()
        service.at_locations.all().delete()
        TermLink.objects.filter(service_id=service.pk).delete()
        self._children(service, places, schedules, terms)
        ServiceChange.objects.create(
            service=service, run=self.run, changes=changes, changed_at=self.now
        )
        self.changed_ids.append(service.pk)
        self.counts["updated"] += 1
        return service

    def _snapshot(self, service: Service) -> dict:
        fields = {
            name: getattr(service, name)
            for name in (
                "name",
                "description",
                "url",
                "email",
                "status",
                "fees",
                "is_free",
                "minimum_age",
                "maximum_age",
                "audience",
                "last_modified",
            )
        }
        fields["organization"] = service.organization.feed_id if service.organization else ""
        fields["locations"] = sorted(
            link.location.name or link.location.feed_id
            for link in service.at_locations.select_related("location")
        )
        fields["schedules"] = [str(s) for s in service.schedules.all()]
        fields["terms"] = sorted(service.terms.values_list("name", flat=True))
        return _jsonable(fields)

    def _children(self, service, places, schedules, terms) -> None:
        self._schedules += [Schedule(service_id=service.id, **values) for values in schedules]
        self._links += [ServiceAtLocation(service_id=service.id, location=p) for p in places]
        self._term_links += [TermLink(service_id=service.id, taxonomyterm_id=t.pk) for t in terms]

    def flush(self) -> None:
        Service.objects.bulk_create(self._new, batch_size=BATCH)
        Schedule.objects.bulk_create(self._schedules, batch_size=BATCH)
        ServiceAtLocation.objects.bulk_create(self._links, batch_size=BATCH, ignore_conflicts=True)
        TermLink.objects.bulk_create(self._term_links, batch_size=BATCH, ignore_conflicts=True)
        self._new, self._schedules, self._links, self._term_links = [], [], [], []

    # --- what a service carries ---------------------------------------------------------------

    def _nested_organization(self, record, verdict, name):
        raw = record.get("organization")
        if not isinstance(raw, dict) or not raw or ("organization",) in verdict.bad:
            return None
        fit = Fitter(verdict.bad, [], ("organization",))
        return self._organization(raw, fit)

    def _organization(self, raw: dict, fit: Fitter):
        feed_id = raw.get("id")
        values = organization_values(raw, fit)
        if not isinstance(feed_id, str) or not feed_id.strip() or len(feed_id) > 200:
            return None
        if not values["name"]:
            return None
        org = self.organizations.get(feed_id)
        if feed_id in self._done_orgs:  # the first time a run meets an organisation counts
            return org
        self._done_orgs.add(feed_id)
        if org is None:
            org = Organization.objects.create(
                source=self.source, feed_id=feed_id, updated_at=self.now, **values
            )
            self.organizations[feed_id] = org
            org.what_happened = "imported"
        elif any(getattr(org, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(org, field, value)
            org.updated_at = self.now
            org.save()
            org.what_happened = "updated"
        else:
            org.what_happened = "unchanged"
        return org

    def _places(self, record, verdict, fit):
        entries = record.get("service_at_locations")
        if not isinstance(entries, list) or not fit.ok("service_at_locations"):
            return []
        places = []
        for index, entry in enumerate(entries):
            location = entry.get("location") if isinstance(entry, dict) else None
            if isinstance(location, dict):
                at = Fitter(verdict.bad, fit.notes, ("service_at_locations", index, "location"))
                place = self._location(location, at)
                if place is not None:
                    places.append(place)
        return places

    def _location(self, raw: dict, fit: Fitter):
        feed_id = raw.get("id")
        if not isinstance(feed_id, str) or not feed_id.strip() or len(feed_id) > 200:
            fit.notes.append(Problem("a location has no id, so it was left out"))
            return None
        values = location_values(raw, fit)
        place = self.locations.get(feed_id)
        if place is None:
            place = Location.objects.create(source=self.source, feed_id=feed_id, **values)
            self.locations[feed_id] = place
        elif any(getattr(place, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(place, field, value)
            place.save()
        return place

    def _schedules_of(self, record, fit):
        entries = record.get("schedules")
        if not isinstance(entries, list) or not fit.ok("schedules"):
            return []
        return [
            schedule_values(entry, Fitter(fit.bad, fit.notes, ("schedules", index)))
            for index, entry in enumerate(entries)
            if isinstance(entry, dict)
        ]

    def _terms_of(self, record, fit):
        entries = record.get("attributes")
        if not isinstance(entries, list) or not fit.ok("attributes"):
            return []
        terms = []
        for index, entry in enumerate(entries):
            raw = entry.get("taxonomy_term") if isinstance(entry, dict) else None
            if isinstance(raw, dict):
                at = Fitter(fit.bad, fit.notes, ("attributes", index, "taxonomy_term"))
                term = self._term(raw, at)
                if term is not None and term not in terms:
                    terms.append(term)
        return terms

    def _taxonomy(self, name: str, **values):
        taxonomy = self.taxonomies.get(name)
        if taxonomy is None:
            taxonomy = Taxonomy.objects.create(name=name, **values)
            self.taxonomies[name] = taxonomy
        elif values and any(getattr(taxonomy, f) != v for f, v in values.items()):
            Taxonomy.objects.filter(pk=taxonomy.pk).update(**values)
        return taxonomy

    def _term(self, raw: dict, fit: Fitter):
        values = term_values(raw, fit)
        if values is None:
            return None
        taxonomy = self._taxonomy(values.pop("taxonomy"))
        term = self.terms.get((taxonomy.pk, values["name"]))
        if term is None:
            term = TaxonomyTerm.objects.create(taxonomy=taxonomy, **values)
            self.terms[(taxonomy.pk, term.name)] = term
        elif (term.code, term.description) != (values["code"], values["description"]):
            TaxonomyTerm.objects.filter(pk=term.pk).update(**values)
        return term

    # --- other kinds of record ------------------------------------------------------------------

    def _organization_record(self, raw, *, v1=False):
        verdict = check(raw, "organization")
        record = raw if isinstance(raw, dict) else {}
        name = clean_line(record["name"]) if isinstance(record.get("name"), str) else ""
        if not verdict.valid:
            self._skip(record.get("id"), name, verdict.errors)
            return
        fit = Fitter(verdict.bad, [])
        org = self._organization(record, fit)
        self._note(self.warnings, record.get("id"), name, verdict.warnings + fit.notes)
        if org is not None:
            self.counts[org.what_happened] += 1
        for service in record.get("services") or [] if fit.ok("services") else []:
            self._service_record(service, organization=org)

    def _service_at_location_record(self, raw, *, v1=False):
        verdict = check(raw, "service_at_location")
        record = raw if isinstance(raw, dict) else {}
        if not verdict.valid:
            self._skip(record.get("id"), "", verdict.errors)
            return
        fit = Fitter(verdict.bad, [])
        location = record.get("location")
        place = (
            self._location(location, Fitter(verdict.bad, fit.notes, ("location",)))
            if isinstance(location, dict)
            else None
        )
        self._note(self.warnings, record.get("id"), "", verdict.warnings + fit.notes)
        service = record.get("service")
        if isinstance(service, dict):
            # One service at several places comes once per place: the first counts, the
            # others add their place.
            found, first = self._service_record(
                service, places=[place] if place else [], repeat_ok=True
            )
            if found is not None and not first and place is not None:
                self._links.append(ServiceAtLocation(service_id=found.id, location=place))

    def _taxonomy_record(self, raw, *, v1=False):
        verdict = check(raw, "taxonomy")
        record = raw if isinstance(raw, dict) else {}
        fit = Fitter(verdict.bad, [])
        name = fit.text(record, "name", 200)
        if not verdict.valid:
            self._skip(record.get("id"), name, verdict.errors)
            return
        self._note(self.warnings, record.get("id"), name, verdict.warnings)
        known = name in self.taxonomies
        uri = fit.text(record, "uri")
        self._taxonomy(
            name,
            description=fit.text(record, "description", line=False),
            uri=uri if len(uri) <= 500 else "",
            version=fit.text(record, "version", 40),
        )
        self.counts["updated" if known else "imported"] += 1
        for term in record.get("taxonomy_terms") or [] if fit.ok("taxonomy_terms") else []:
            if isinstance(term, dict):
                self._term({"taxonomy": name, **term}, Fitter(set(), []))

    def _term_record(self, raw, *, v1=False):
        verdict = check(raw, "taxonomy_term")
        record = raw if isinstance(raw, dict) else {}
        fit = Fitter(verdict.bad, [])
        name = fit.text(record, "name", 300)
        if not verdict.valid:
            self._skip(record.get("id"), name, verdict.errors)
            return
        before = len(self.terms)
        self._term(record, fit)
        self._note(self.warnings, record.get("id"), name, verdict.warnings + fit.notes)
        self.counts["imported" if len(self.terms) > before else "unchanged"] += 1
