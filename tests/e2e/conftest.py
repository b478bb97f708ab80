import os
import xmlrpc.client

import psycopg2
import pytest


class Rpc:
    """XML-RPC client of one user, as an integration would use it."""

    def __init__(self, url, db, login, password):
        self.url, self.db, self.login, self.password = url, db, login, password
        common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise AssertionError("cannot log in as %s" % login)
        self.models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, self.password, model, method, list(args), kwargs)


@pytest.fixture(scope="session")
def server():
    url, db = os.environ.get("MEDDEV_URL"), os.environ.get("MEDDEV_DB")
    if not (url and db):
        if os.environ.get("MEDDEV_E2E_REQUIRED"):
            pytest.fail("MEDDEV_URL and MEDDEV_DB are not set")
        pytest.skip("end-to-end tests run through './meddev test', which starts a server")
    return url, db


@pytest.fixture(scope="session")
def login(server):
    url, db = server
    cache = {}

    def _login(name):
        # Demo users' password is their login.
        if name not in cache:
            cache[name] = Rpc(url, db, name, name)
        return cache[name]
    return _login


@pytest.fixture()
def pg(server):
    kwargs = {"dbname": server[1]}
    for key, env in (("host", "MEDDEV_PGHOST"), ("port", "MEDDEV_PGPORT"), ("user", "MEDDEV_PGUSER"),
                     ("password", "MEDDEV_PGPASSWORD")):
        if os.environ.get(env):
            kwargs[key] = os.environ[env]
    conn = psycopg2.connect(**kwargs)
    conn.autocommit = True
    yield conn
    conn.close()
