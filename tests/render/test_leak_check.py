"""The leak check before export (issue 18): it finds the home folder and the login name where
they reveal the machine -- in paths -- and not as ordinary English words, so a login name such as
``data``, ``points``, ``rank`` or ``region`` does not block English briefs."""
from __future__ import annotations

import pytest

from parlib.render import engine

BRIEF_EN = ("Quảng Nam ranks #6/63 (published) in PCI 2019 with 66.02 points; the data show the "
            "region's best province. Points lost per area; rank moved up 3 places. See "
            "https://pcivietnam.vn/data/ranks for the published data.")


@pytest.fixture
def login(monkeypatch, tmp_path):
    def set_user(name, home=None):
        monkeypatch.setattr("getpass.getuser", lambda: name)
        home = home or tmp_path / "home" / name
        monkeypatch.setenv("HOME", str(home))
        return home

    return set_user


@pytest.mark.parametrize("user", ["data", "points", "rank", "region"])
def test_a_common_word_login_does_not_block_an_english_brief(login, user):
    login(user, home=f"/{user}")     # even a home folder named /data is not found in "the data"
    assert engine.find_leaks(BRIEF_EN) == []


@pytest.mark.parametrize("text", ["/srv/points/parlib/panel.csv", "opened ~points/notes.txt",
                                  "C:\\Users\\points\\Desktop\\x.csv", "cache at srv/points/cache"])
def test_the_login_in_a_path_is_found(login, text):
    login("points")
    assert "user name 'points'" in engine.find_leaks(text)


def test_the_home_folder_is_found_as_a_whole_path(login):
    home = login("analyst")
    assert str(home) in engine.find_leaks(f"read {home}/panel.csv")


def test_a_url_is_not_a_path_of_this_machine(login):
    login("data")
    assert engine.find_leaks("source: https://example.org/data/rank.csv") == []
