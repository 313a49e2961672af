"""`make backup` then `make restore` into a fresh database and media folder gives back the same households,
votes, posts and uploaded photo; restoring over a database that has data is refused unless FORCE=1."""

import os
import subprocess

import psycopg
import pytest

from bench.servers import ROOT, database_named, drop_database, recreate_database

from .conftest import ops_database_prefix

pytestmark = pytest.mark.services

CONTENT = {
    "households": "SELECT id, dwelling_id FROM tenants_household ORDER BY id",
    "votes": "SELECT proposal_id, household_id, choice FROM decisions_ballot ORDER BY id",
    "posts": "SELECT thread_id, author_id, body FROM feedback_post ORDER BY id",
}


def content_of(url):
    with psycopg.connect(url) as connection:
        return {name: connection.execute(query).fetchall() for name, query in CONTENT.items()}


def make(target, **env):
    return subprocess.run(
        ["make", "--no-print-directory", target], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )


@pytest.fixture
def fresh_database():
    url = database_named(os.environ["DATABASE_URL"], ops_database_prefix() + "_restored")
    recreate_database(url)
    yield url
    drop_database(url)


def test_a_backup_restores_into_a_fresh_database_with_the_same_data_and_photo(world_database, fresh_database, tmp_path):
    url, world, media = world_database
    backups = tmp_path / "backups"
    made = make("backup", DATABASE_URL=url, MEDIA_ROOT=str(media), BACKUP_DIR=str(backups))
    assert made.returncode == 0, made.stderr
    folder = made.stdout.strip().splitlines()[-1]
    assert sorted(os.listdir(folder)) == ["database.dump", "media.tar.gz"]

    restored_media = tmp_path / "restored-media"
    restored = make("restore", DATABASE_URL=fresh_database, MEDIA_ROOT=str(restored_media), BACKUP_DIR=str(backups))
    assert restored.returncode == 0, restored.stderr
    original = content_of(url)
    assert all(original.values()), "the world should have households, votes and posts to compare"
    assert content_of(fresh_database) == original
    photo = world["photo"]
    assert (restored_media / photo).read_bytes() == (media / photo).read_bytes()


def test_restoring_over_a_database_with_data_is_refused_unless_forced(world_database, tmp_path):
    url, _world, media = world_database
    env = {"DATABASE_URL": url, "MEDIA_ROOT": str(media), "BACKUP_DIR": str(tmp_path / "backups")}
    assert make("backup", **env).returncode == 0
    backed_up = content_of(url)
    with psycopg.connect(url) as connection:
        connection.execute("UPDATE feedback_post SET body = 'Gewijzigd na de back-up.'")

    refused = make("restore", **env)
    assert refused.returncode != 0
    assert "refusing to restore" in refused.stderr
    assert content_of(url)["posts"] != backed_up["posts"], "a refused restore changes nothing"

    forced = make("restore", FORCE="1", **env)
    assert forced.returncode == 0, forced.stderr
    assert content_of(url) == backed_up
