"""One base error for the services: a refusal no view caught becomes a Swedish page with its 4xx status, never 500."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from tertial.editing import EditConflict
from tertial.errors import Conflict, Frozen, PermissionRefused, ServiceError
from tertial.middleware import ServiceErrorMiddleware
from tertial.models import Draft, Report
from tertial.workflow import WorkflowError

from .helpers import login, url


@pytest.mark.parametrize(
    "error, status",
    [
        (ServiceError("Fel indata."), 400),
        (WorkflowError("Fel övergång."), 400),
        (PermissionRefused("Bara controllern."), 403),
        (Conflict("Sparat av någon annan."), 409),
        (EditConflict(None), 409),
        (Frozen("Rapporten är fastställd."), 409),
        (ValidationError({"amount": "Beloppet kan inte vara noll."}), 400),
    ],
)
def test_an_uncaught_service_error_is_a_swedish_4xx_page(rf_user, error, status):
    request = RequestFactory().post("/")
    request.user = rf_user
    response = ServiceErrorMiddleware(lambda r: None).process_exception(request, error)
    assert response.status_code == status
    body = response.content.decode()
    message = error.messages[0] if isinstance(error, ValidationError) else str(error)
    assert message in body and "Ingenting av ändringen har sparats" in body


def test_a_json_request_gets_the_message_as_json(rf_user):
    request = RequestFactory().post("/", HTTP_ACCEPT="application/json")
    request.user = rf_user
    response = ServiceErrorMiddleware(lambda r: None).process_exception(request, Conflict("Sparat av någon annan."))
    assert response.status_code == 409 and json.loads(response.content)["fel"] == "Sparat av någon annan."


def test_other_exceptions_are_left_to_the_error_page(rf_user):
    request = RequestFactory().get("/")
    assert ServiceErrorMiddleware(lambda r: None).process_exception(request, RuntimeError("bug")) is None


@pytest.fixture
def rf_user(users):
    return users["skribent"]


def test_a_draft_posted_to_a_faststalld_report_is_refused_not_a_server_error(client, users, report):
    """The draft view catches nothing: the refusal of keep_draft reaches the middleware."""
    section = report.sections.first()
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FASTSTALLD)
    login(client, users["skribent"])
    response = client.post(url("section_draft", report, section), {"s-version": "1", "s-analysis": "Sent"})
    assert response.status_code == 409
    assert "fastställd" in response.content.decode()
    assert not Draft.objects.exists()
