"""What every gold set shares: a path that does not hold the set is an error naming it, never a run of zero scores."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sanderling.cli import app
from sanderling.errors import SanderlingError
from sanderling.eval import sets  # noqa: F401  (registers the readers)
from sanderling.eval.base import REGISTRY, evaluate

PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_a_file_that_is_not_the_set_is_an_error(name, tmp_path, coder):
    """`eval plover-gsr --path /etc/passwd` used to exit 0 with zero scores."""
    path = tmp_path / "passwd"
    path.write_text(PASSWD, encoding="utf-8")
    with pytest.raises(SanderlingError) as raised:
        evaluate(name, path, coder)
    message = str(raised.value)
    assert str(path) in message
    assert f"holds no {name} records" in message or "is not a JSON array" in message


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_an_empty_folder_is_an_error(name, tmp_path, coder):
    with pytest.raises(SanderlingError, match="is missing|no TimeML") as raised:
        evaluate(name, tmp_path, coder)
    assert str(tmp_path) in str(raised.value)


def test_cli_eval_on_a_file_that_is_not_the_set_exits_1(tmp_path):
    path = tmp_path / "passwd"
    path.write_text(PASSWD, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "plover-gsr", "--path", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: '{path}' holds no plover-gsr records (2 unreadable lines or records; "
                                    f"the first: {path}:1: ")
    assert "give --path the plover-gsr folder or gold file" in result.stderr and result.stdout == ""
