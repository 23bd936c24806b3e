"""Near-duplicate detection between outlets' copies of one wire story."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from handlers.core.dedupe import (
    BINS,
    NEAR_DUPLICATE,
    band_keys,
    fingerprint,
    is_near_duplicate,
    similarity,
)

WIRE = """\
Heavy rain flooded large parts of the coastal city of Port Leme on Tuesday, forcing more
than 4,000 residents to leave their homes as rivers rose to their highest level in three
decades, officials said.

The regional civil defence agency said at least nine people had died and 23 were missing,
most of them in hillside neighbourhoods where mudslides buried several houses overnight.

"We are facing the worst flooding this city has seen in a generation," Mayor Clara Dantas
told reporters at an emergency shelter set up in a school gymnasium. "Our priority now is
to reach the families who are still cut off."

Rescue teams used boats and helicopters to evacuate residents stranded on rooftops in the
low-lying districts near the port, while power was cut to about 60,000 homes as a
precaution.

Forecasters warned that another 150 millimetres of rain could fall by Thursday, and the
state government declared a 90-day emergency to speed up the release of federal funds.

The port, one of the busiest in the region, suspended operations and said ships would be
diverted until the water level in the access channel returned to normal.
"""

# Another outlet's copy: new headline and byline, a few words edited by the desk.
COPY = """\
Floods force thousands from homes in Port Leme
By Ana Souza, Daily Coast News

Heavy rain flooded large parts of the coastal city of Port Leme on Tuesday, forcing more
than 4,000 people to leave their homes as rivers rose to their highest level in three
decades, officials said.

The regional civil defence agency said at least nine people had died and 23 were missing,
most of them in hillside neighbourhoods where landslides buried several houses overnight.

"We are facing the worst flooding this city has seen in a generation," Mayor Clara Dantas
told journalists at an emergency shelter set up in a school gymnasium. "Our priority now is
to reach the families who are still cut off."

Rescue teams used boats and helicopters to evacuate residents stranded on rooftops in the
low-lying districts near the port, while electricity was cut to about 60,000 homes as a
precaution.

Forecasters warned that another 150 millimetres of rain could fall by Thursday, and the
state government declared a 90-day emergency to speed up the release of federal funds.

The port, one of the busiest in the region, suspended operations and said ships would be
diverted until the water level in the access channel returned to normal.
"""

# A different story about the same event.
SAME_TOPIC = """\
Residents of Port Leme began returning to their flooded homes on Friday as the rain eased,
finding streets covered in mud and furniture piled on the pavements.

Mayor Clara Dantas said the death toll from this week's floods had risen to 14 and that
the city would need months to rebuild its drainage network, which was overwhelmed on
Tuesday.

Shop owners in the port district said insurance would not cover most of their losses.
"I have lost everything I built in twenty years," said Joao Pereira, who runs a hardware
store near the harbour.

Economists estimate the damage at more than 2 billion reais, and the state government
has asked the federal treasury for an emergency credit line to repair roads and bridges.
"""


def test_another_outlets_copy_is_a_near_duplicate() -> None:
    a, b = fingerprint(WIRE), fingerprint(COPY)
    assert similarity(a, b) >= NEAR_DUPLICATE
    assert is_near_duplicate(a, b)
    assert set(band_keys(a)) & set(band_keys(b))


def test_a_different_story_on_the_same_event_is_not() -> None:
    a, b = fingerprint(WIRE), fingerprint(SAME_TOPIC)
    assert similarity(a, b) < 0.2
    assert not is_near_duplicate(a, b)
    assert not set(band_keys(a)) & set(band_keys(b))


def test_case_and_punctuation_are_not_edits() -> None:
    restyled = WIRE.upper().replace('"', "“").replace("-", "–")
    assert similarity(fingerprint(WIRE), fingerprint(restyled)) == 1.0


def test_fingerprint_does_not_depend_on_the_process() -> None:
    """Sketches are stored, so they must not change with PYTHONHASHSEED as hash() does."""
    script = "from handlers.core.dedupe import fingerprint; print(fingerprint(open(0).read()))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            input=WIRE,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {f"{fingerprint(WIRE)}\n"}


@pytest.mark.parametrize("text", ["one two", "a single short line of text", WIRE])
def test_fingerprint_shape(text: str) -> None:
    fp = fingerprint(text)
    assert len(fp) == BINS
    assert len(band_keys(fp)) == 16
    assert similarity(fp, fp) == 1.0


@pytest.mark.parametrize("text", ["", "  ", "— … —"])
def test_text_without_words_has_no_fingerprint(text: str) -> None:
    assert fingerprint(text) == ()
    assert band_keys(()) == []
    assert similarity((), ()) == 0.0


def test_similarity_is_symmetric() -> None:
    a, b = fingerprint(WIRE), fingerprint(SAME_TOPIC)
    assert similarity(a, b) == similarity(b, a)
