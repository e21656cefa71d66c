from portal import health


def test_healthz_reports_each_part(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "in-process", "storage": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_the_failing_part(client, db, monkeypatch):
    def unreachable():
        raise ConnectionError("bucket unreachable")

    monkeypatch.setattr(health, "_storage", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"] == {"database": "ok", "broker": "in-process", "storage": "error: ConnectionError"}
