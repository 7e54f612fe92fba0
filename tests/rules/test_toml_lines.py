"""rules.toml_lines on tables named by their key (`[athletes.me]`, a `dict[str, Model]`)."""

from __future__ import annotations

import pytest

from rules.errors import ConfigError
from rules.toml_lines import TomlModel, Whole, load_toml_model

TEXT = """\
[people.ana]
age = 40

[people.ben]
age = 41
{mistake}
"""


class Person(TomlModel):
    age: Whole


class People(TomlModel):
    people: dict[str, Person]


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        ("height = 180", "line 6: [people.ben]: height is not a known key here; use one of: age"),
        ('age = "old"', 'line 5: [people.ben]: age = "old" must be a whole number'),
    ],
)
def test_a_mistake_in_a_named_table_points_at_its_line(mistake: str, message: str) -> None:
    text = TEXT.format(mistake=mistake)
    if mistake.startswith("age"):
        text = text.replace("age = 41\n", "")
    with pytest.raises(ConfigError) as raised:
        load_toml_model(
            People, text, source="people.toml", label=lambda t, _: "[" + ".".join(map(str, t)) + "]"
        )
    assert str(raised.value) == f"people.toml: {message}"
