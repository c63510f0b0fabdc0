import pydantic
import pytest

from reviewkit.model import Finding, Location, Severity


def test_severity_order() -> None:
    assert [s.value for s in Severity] == ["critical", "high", "medium", "low", "info"]
    assert Severity.CRITICAL.at_least(Severity.HIGH)
    assert Severity.HIGH.at_least(Severity.HIGH)
    assert not Severity.MEDIUM.at_least(Severity.HIGH)


def test_models_are_frozen_and_strict() -> None:
    f = Finding(title="t", line=3, end_line=4, locations=(Location(path="a.py", start=1, end=2),))
    with pytest.raises(pydantic.ValidationError):
        f.title = "other"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        Finding(title="t", line=1, end_line=1, colour="red")  # type: ignore[call-arg]


def test_every_field_is_documented() -> None:
    for model in (Finding, Location):
        undocumented = [n for n, f in model.model_fields.items() if not f.description]
        assert not undocumented, f"{model.__name__}: {undocumented}"
