"""Run the real stack on loopback: PostgreSQL, Redis and an S3 server (moto), on free ports.

    python tools/stack.py run -- COMMAND...   start the services, run COMMAND with the stack's
                                              environment, stop everything, exit with its code
    python tools/stack.py serve               the production configuration: migrate, seed, then
                                              gunicorn, a Celery worker and beat, until Ctrl-C;
                                              fresh data each run, logs in var/stack/

The services are private to this run: a PostgreSQL cluster in a temporary folder (not the
system service), Redis without persistence, and moto's S3 server. They are stopped at the
end, on failure too. A missing program is an error that names the Debian package to install.
"""

import argparse
import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "portal-evidence"
STARTUP_SECONDS = 30  # a service that is not up by then is reported as failed
S3_KEYS = {"AWS_ACCESS_KEY_ID": "stack-local", "AWS_SECRET_ACCESS_KEY": "stack-local-secret"}  # moto accepts any


class StackError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, what: str, process: subprocess.Popen | None = None, log: Path | None = None) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            break
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.2)
    detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
    raise StackError(f"{what} did not start within {STARTUP_SECONDS}s.\n{detail}")


def port_open(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        return True


def postgres_bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if found:
        return found[-1].parent
    if pg_ctl := shutil.which("pg_ctl"):
        return Path(pg_ctl).parent
    raise StackError("PostgreSQL is not installed: apt-get install postgresql")


def require(program: str, package: str) -> str:
    path = shutil.which(program)
    if not path:
        raise StackError(f"{program} is not installed: apt-get install {package}")
    return path


class Stack:
    """The services of one run, started in `folder` and stopped by `stop()`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        self.pg_data: Path | None = None
        self.env: dict[str, str] = {}

    # PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user.
    def _as_postgres(self, command: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def start_postgres(self) -> None:
        bindir = postgres_bindir()
        port = free_port()
        self.pg_data = self.folder / "pg" / "data"
        sockets = self.folder / "pg" / "run"
        sockets.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            for path in (self.folder / "pg", sockets):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            self._as_postgres(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(self.pg_data),
                    "-U",
                    "portal",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"  # a throwaway cluster
        )
        log = self.folder / "pg" / "postgres.log"
        subprocess.run(
            self._as_postgres(
                [str(bindir / "pg_ctl"), "-D", str(self.pg_data), "-l", str(log), "-o", options, "-w", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.pg_port = port
        subprocess.run(
            [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "portal", "portal"], check=True
        )
        self.env["DATABASE_URL"] = f"postgres://portal@127.0.0.1:{port}/portal"

    def start_redis(self) -> None:
        server = require("redis-server", "redis-server")
        port = free_port()
        folder = self.folder / "redis"
        folder.mkdir(exist_ok=True)
        log = folder / "redis.log"
        self._spawn(
            [
                server,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
                "--logfile",
                str(log),
            ]
        )
        wait_until(lambda: port_open(port), "Redis", self.processes[-1], log)
        self.env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{port}/0"
        self.env["CACHE_URL"] = f"redis://127.0.0.1:{port}/1"

    def start_s3(self) -> None:
        port = free_port()
        log = self.folder / "s3.log"
        server = Path(sys.executable).with_name("moto_server")
        self._spawn([str(server), "-H", "127.0.0.1", "-p", str(port)], log=log)
        endpoint = f"http://127.0.0.1:{port}"
        wait_until(lambda: urllib.request.urlopen(endpoint, timeout=1).status == 200, "S3 server", None, log)
        self.env.update(
            S3_KEYS,
            AWS_STORAGE_BUCKET_NAME=BUCKET,
            AWS_S3_ENDPOINT_URL=endpoint,
            AWS_S3_REGION_NAME="us-east-1",
        )
        import boto3

        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_boto_keys()).create_bucket(Bucket=BUCKET)

    def _spawn(self, command: list[str], log: Path | None = None, env: dict | None = None) -> subprocess.Popen:
        output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=ROOT
        )
        self.processes.append(process)
        return process

    def start(self) -> dict[str, str]:
        self.start_postgres()
        self.start_redis()
        self.start_s3()
        self.env["PORTAL_STACK"] = "1"
        return self.env

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        if self.pg_data and (self.pg_data / "postmaster.pid").exists():
            subprocess.run(
                self._as_postgres([str(postgres_bindir() / "pg_ctl"), "-D", str(self.pg_data), "-m", "fast", "stop"]),
                stdout=subprocess.DEVNULL,
                check=False,
            )


def _boto_keys() -> dict[str, str]:
    return {
        "aws_access_key_id": S3_KEYS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": S3_KEYS["AWS_SECRET_ACCESS_KEY"],
    }


@contextlib.contextmanager
def running_stack() -> Iterator[Stack]:
    """Start the services in a temporary folder, yield the stack, and stop them whatever happens."""
    with tempfile.TemporaryDirectory(prefix="portal-stack-") as name:
        folder = Path(name)
        folder.chmod(0o755)  # the postgres user must reach its cluster inside
        stack = Stack(folder)
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            stack.start()
            yield stack
        finally:
            stack.stop()
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def run(command: list[str]) -> int:
    with running_stack() as stack:
        print("Stack up: " + ", ".join(f"{k}={v}" for k, v in stack.env.items() if k.endswith("URL")), flush=True)
        try:
            return subprocess.run(command, env={**os.environ, **stack.env}, cwd=ROOT, check=False).returncode
        except KeyboardInterrupt:
            return 130


def serve(host: str, port: int, workers: int) -> int:
    """Run the production configuration locally until interrupted."""
    python = sys.executable
    # A fresh stack each time: moto's S3 server keeps files in memory, so a database kept from
    # an earlier run would point at evidence that is gone.
    logs = ROOT / "var" / "stack"
    logs.mkdir(parents=True, exist_ok=True)
    with running_stack() as stack:
        env = {
            **os.environ,
            **stack.env,
            "DEBUG": "false",
            "ALLOWED_HOSTS": f"{host},localhost",
            # Plain HTTP on loopback: no TLS redirect, no secure-only cookies, no HSTS.
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "SITE_URL": f"http://{host}:{port}",
            "EMAIL_URL": f"filemail://{ROOT / 'var' / 'mail'}",
        }
        manage = [python, "manage.py"]
        for step in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"], ["seed_demo"]):
            subprocess.run(manage + step, env=env, cwd=ROOT, check=True)
        celery = str(Path(python).with_name("celery"))
        stack._spawn([celery, "-A", "portal", "worker", "-l", "info", "-c", "2"], logs / "worker.log", env)
        stack._spawn(
            [celery, "-A", "portal", "beat", "-l", "info", "-s", str(logs / "celerybeat-schedule")],
            logs / "beat.log",
            env,
        )
        gunicorn = str(Path(python).with_name("gunicorn"))
        web = stack._spawn(
            [gunicorn, "portal.wsgi", "-b", f"{host}:{port}", "-w", str(workers), "--access-logfile", "-"],
            logs / "web.log",
            env,
        )
        wait_until(lambda: port_open(port), "gunicorn", web, logs / "web.log")
        print(f"\nPortal (production configuration): http://{host}:{port}/   health: http://{host}:{port}/healthz")
        print(f"Logs in {logs}/. Ctrl-C stops everything.", flush=True)
        try:
            while all(process.poll() is None for process in stack.processes):
                time.sleep(1)
            print("A service stopped; see the logs.", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="action", required=True)
    run_parser = commands.add_parser("run", help="run a command with the stack")
    run_parser.add_argument("command", nargs=argparse.REMAINDER)
    serve_parser = commands.add_parser("serve", help="serve the production configuration")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    try:
        if args.action == "run":
            command = args.command[1:] if args.command[:1] == ["--"] else args.command
            return run(command)
        return serve(args.host, args.port, args.workers)
    except (StackError, subprocess.CalledProcessError) as error:
        print(f"stack: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
