#!/usr/bin/env python3
"""The planners' console in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by selenium, against the real daemon binary.

A planner signs in, uploads a broken CSV folder (.zip) and sees each problem at its place, uploads
the demo week and confirms it, reads the schedule, opens a hearing with an unmet preference and
sees its reason and options, reports a sick call and sees the new version with who must be told
what, and switches to English. A viewer then finds that nothing can be changed, by form or by a
forged post. axe-core checks every page: no serious or critical violation. Screenshots of the main
pages go to --screenshots (out/screenshots/console/ in `make test`, docs/images/console/ in
`make console-images`).

    python3 Tests/BrowserTests/console_test.py --binary .build/debug/hearing-planner [--screenshots DIR]
"""

import argparse
import importlib.util
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait
from axe_selenium_python import Axe

def axe_script():
    """axe-core 4.x, as axe-playwright-python ships it (installed without playwright: only its
    script is used); else the older axe-core inside axe-selenium-python, which knows no WCAG 2.1 tags."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec and spec.submodule_search_locations:
        path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
        if os.path.exists(path):
            return path
    return None


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO_CSV = os.path.join(ROOT, "data", "demo-week", "csv")


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Daemon:
    """`hearing-planner serve` in a scratch folder, with a planner and a viewer token."""

    def __init__(self, binary, folder):
        self.binary = binary
        self.folder = folder
        self.tokens = os.path.join(folder, "tokens")
        self.planner = self.token("planner-alice", "planner")
        self.viewer = self.token("viewer-victor", "viewer")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = os.path.join(folder, "config.json")
        # freezeHours 0: whatever today's date, hearings not yet begun may move, so a sick call
        # shows changes. The solve time limit keeps the run short on two cores.
        with open(config, "w") as out:
            json.dump({"solveTimeLimit": 12, "debounce": 0.25, "freezeHours": 0, "logLevel": "notice"}, out)
        self.log = open(os.path.join(folder, "serve.log"), "w")
        self.process = subprocess.Popen(
            [binary, "serve", "--config", config, "--listen", f"127.0.0.1:{self.port}",
             "--state-dir", os.path.join(folder, "state"), "--tokens", self.tokens],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise Failure("the daemon did not start; see " + self.log.name)

    def token(self, name, role):
        made = subprocess.run([self.binary, "token", "add", name, "--role", role, "--tokens", self.tokens],
                              capture_output=True, text=True, check=True)
        return made.stdout.strip()

    def api(self, path):
        request = urllib.request.Request(self.url + path, headers={"Authorization": "Bearer " + self.planner})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def zipped(files, folder="week"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            archive.writestr(f"{folder}/{name}", data)
    return buffer.getvalue()


def demo_files():
    files = {}
    for name in os.listdir(DEMO_CSV):
        with open(os.path.join(DEMO_CSV, name), "rb") as handle:
            files[name] = handle.read()
    return files


def broken_files():
    """The demo week with three problems: a date that does not exist, an unknown location, and a
    sex that is not one of the roster's. Returns the files and the places a planner must be shown."""
    files = demo_files()
    places = []

    def spoil(name, line, column, value):
        lines = files[name].decode().split("\n")
        index = lines[0].split(",").index(column)
        cells = lines[line - 1].split(",")
        cells[index] = value
        lines[line - 1] = ",".join(cells)
        files[name] = "\n".join(lines).encode()
        places.append(f"{name}:{line}:{index + 1}")

    spoil("hearings.csv", 3, "latest", "2026-12-32")
    spoil("hearings.csv", 5, "location", "NOWHERE")
    spoil("interpreters.csv", 2, "gender", "unknown")
    return files, places


class Console:
    """A browser on the console, checking every page it opens with axe-core."""

    def __init__(self, daemon, screenshots, scratch):
        self.daemon = daemon
        self.screenshots = screenshots
        self.scratch = scratch
        self.checked = []
        options = Options()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,1000", "--lang=nl-NL", "--force-device-scale-factor=1"]:
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": "nl-NL,nl"})
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(driver), options=options)
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(60)
        self.wait = WebDriverWait(self.driver, 60)

    def open(self, path):
        self.driver.get(self.daemon.url + path)
        return self.audit()

    def audit(self):
        """axe-core on the page shown, WCAG 2.0 and 2.1 A and AA and best practices: no serious or
        critical violation."""
        script = axe_script()
        (Axe(self.driver, script_url=script) if script else Axe(self.driver)).inject()
        tags = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}" if script else "{}"
        results = self.driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            f"axe.run(document, {tags})"
            ".then(function (r) { done(r); }).catch(function (e) { done({error: String(e)}); });")
        check("error" not in results, f"axe-core could not run: {results.get('error')}")
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        page = urllib.parse.urlparse(self.driver.current_url).path
        self.checked.append(page)
        check(not bad, f"axe on {page}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad))
        return self.driver.page_source

    def shot(self, name, height=None):
        if not self.screenshots:
            return
        full = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1280, min(max(full, 700), height or 2000))
        self.driver.save_screenshot(os.path.join(self.screenshots, name + ".png"))
        self.driver.set_window_size(1280, 1000)

    def h1(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def sign_in(self, token):
        self.open("/")
        check("/sign-in" in self.driver.current_url, "an unsigned visitor is not sent to sign-in")
        self.driver.find_element(By.ID, "token").send_keys(token)
        self.driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button").click()
        self.wait.until(lambda d: "/sign-in" not in d.current_url)
        self.audit()

    def sign_out(self):
        self.driver.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] button").click()
        self.wait.until(lambda d: "/sign-in" in d.current_url)

    def upload(self, name, data):
        path = os.path.join(self.scratch, name)
        with open(path, "wb") as out:
            out.write(data)
        self.open("/roster")
        self.driver.find_element(By.ID, "roster-file").send_keys(path)
        self.driver.find_element(By.CSS_SELECTOR, "form[action='/roster'] button").click()
        self.wait.until(expected_conditions.presence_of_element_located((By.TAG_NAME, "h1")))
        return self.audit()

    def session_cookie(self):
        cookie = self.driver.get_cookie("hp_session")
        return cookie["value"] if cookie else None

    def quit(self):
        self.driver.quit()


def post(daemon, path, fields, session):
    """A post the browser did not make, with the session's cookie: what a forged form would send."""
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(daemon.url + path, data=data, method="POST", headers={
        "Cookie": f"hp_session={session}", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def run(binary, screenshots):
    scratch = tempfile.mkdtemp(prefix="console-test-")
    daemon = Daemon(binary, scratch)
    browser = None
    steps = []

    def step(text):
        steps.append(text)
        print(f"ok {len(steps)} - {text}", flush=True)

    try:
        browser = Console(daemon, screenshots, scratch)
        browser.open("/sign-in")
        check(browser.h1() == "Inloggen", "the sign-in page is not in Dutch by default")
        browser.shot("sign-in", 800)
        browser.sign_in(daemon.planner)
        check(browser.h1() == "Overzicht", "the overview is not shown after signing in")
        step("a planner signs in; the console is in Dutch")

        files, places = broken_files()
        page = browser.upload("broken-week.zip", zipped(files))
        check("Problemen in het bestand" in page, "the broken roster's problems are not listed")
        shown = [cell.text for cell in browser.driver.find_elements(By.CSS_SELECTOR, "table.problems th[scope='row'] code")]
        for place in places:
            check(place in shown, f"the problem at {place} is not shown (shown: {shown[:10]})")
        summary = browser.driver.find_element(By.CSS_SELECTOR, ".error-summary a")
        check(summary.get_attribute("href").endswith("#problems"), "the error summary does not link to the problems")
        browser.shot("roster-errors", 1400)
        step("a broken CSV folder shows each problem at its place: " + ", ".join(places))

        page = browser.upload("demo-week.zip", zipped(demo_files()))
        check(browser.h1() == "Controleer het nieuwe rooster", "the valid roster's summary is not shown")
        check("tekort aan tolken" in page, "the pre-planning summary shows no shortage")
        browser.shot("roster-check", 1800)
        browser.driver.find_element(By.CSS_SELECTOR, "form[action='/roster/confirm'] button").click()
        WebDriverWait(browser.driver, 120).until(lambda d: urllib.parse.urlparse(d.current_url).path == "/")
        page = browser.audit()
        check("Het nieuwe rooster is gepland als planversie 1." in page, "the roster was not planned as version 1")
        browser.shot("overview", 1400)
        step("the demo week as a CSV zip: summary with shortages, confirmed, planned as version 1")

        page = browser.open("/schedule")
        check(browser.h1() == "Planning per locatie", "the schedule is not shown")
        check(len(browser.driver.find_elements(By.CSS_SELECTOR, "table.grid tbody tr")) == 5, "the grid has not a row per working day")
        check(len(browser.driver.find_elements(By.CSS_SELECTOR, ".hearing-item")) > 20, "the grid holds few hearings")
        browser.shot("schedule", 1600)
        Select(browser.driver.find_element(By.ID, "location")).select_by_index(1)
        browser.driver.find_element(By.ID, "unmet").click()
        browser.driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
        browser.wait.until(lambda d: "unmet=1" in d.current_url)
        browser.audit()
        sheet = browser.driver.find_element(By.CSS_SELECTOR, "table.grid tbody tr th a").get_attribute("href")
        browser.open(urllib.parse.urlparse(sheet).path + "?" + urllib.parse.urlparse(sheet).query)
        check(browser.h1().startswith("Dagoverzicht"), "the day sheet is not shown")
        step("the schedule: a grid per location, filters, a printable day sheet")

        browser.open("/not-met")
        link = browser.driver.find_element(By.CSS_SELECTOR, "table tbody th a")
        hearing = link.text
        browser.open("/not-met?sort=reason&dir=desc")
        browser.open(f"/hearings/{hearing}")
        page = browser.driver.page_source
        check(browser.h1() == f"Gehoor {hearing}", "the hearing page is not shown")
        check(len(browser.driver.find_elements(By.CSS_SELECTOR, ".preference-unmet")) >= 1, "no unmet preference on its hearing's page")
        check(len(browser.driver.find_elements(By.CSS_SELECTOR, ".preference-unmet dl.evidence")) >= 1, "the unmet preference has no evidence")
        check("Mogelijkheden, de beste eerst" in page, "the hearing's options are not listed")
        check(len(browser.driver.find_elements(By.CSS_SELECTOR, "#options ~ div table tbody tr")) >= 1, "no option rows")
        browser.shot("hearing", 2000)
        step(f"hearing {hearing}: its unmet preference with reason and evidence, and its options")

        for path in ["/not-held", "/not-held?sort=location&dir=asc", "/people", "/reports", "/reports/tradeoff", "/changes/new"]:
            browser.open(path)
        browser.open("/reports")
        browser.shot("report", 2000)
        browser.open("/not-held")
        browser.shot("not-held", 1400)
        step("not held, people, the fulfilment report and the trade-off page open and pass axe")

        browser.open("/people")
        person = None
        for row in browser.driver.find_elements(By.CSS_SELECTOR, "table:first-of-type tbody tr"):
            cells = row.find_elements(By.TAG_NAME, "td")
            if cells and int(cells[-1].text) >= 2:
                person = row.find_element(By.CSS_SELECTOR, "th a").text
                break
        check(person is not None, "no interpreter has hearings")
        browser.open(f"/people/{person}")
        check(len(browser.driver.find_elements(By.CSS_SELECTOR, "a[href$='calendar.ics']")) == 1, "the person has no calendar link")
        before = daemon.api("/v1/plans/current")["version"]
        browser.open(f"/changes/new?person={person}#availability")
        form = browser.driver.find_element(By.CSS_SELECTOR, "form[action='/changes/availability']")
        field = form.find_element(By.ID, "person")
        check(field.get_attribute("value") == person, "the sick-call form is not prefilled with the person")
        form.find_element(By.ID, "availability-unavailable").click()
        Select(form.find_element(By.ID, "from")).select_by_index(0)
        Select(form.find_element(By.ID, "to")).select_by_index(4)
        form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        WebDriverWait(browser.driver, 120).until(lambda d: "/versions/" in d.current_url)
        page = browser.audit()
        version = int(re.search(r"/versions/(\d+)/changes", browser.driver.current_url).group(1))
        check(version > before, "no new plan version after the sick call")
        check("Wie moet wat horen" in page, "the per-person list is not shown")
        people = [h.text for h in browser.driver.find_elements(By.CSS_SELECTOR, ".person-changes h3 a")]
        check(person in people, f"{person}, who called in sick, is not among the people to tell ({people})")
        check(any(p != person for p in people), "nobody who takes over the hearings is told")
        browser.shot("changes", 1800)
        step(f"a sick call for {person} re-plans to version {version}; {len(people)} people to tell, per person")

        english = browser.driver.find_element(By.CSS_SELECTOR, "a.language")
        check(english.text == "English", "the language switch does not offer English")
        english.click()
        browser.wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        browser.audit()
        check(browser.h1() == f"Changes in plan version {version}", "the page did not switch to English")
        check("Who must be told what" in browser.driver.page_source, "the per-person list is not in English")
        browser.open("/")
        check(browser.h1() == "Overview", "English is not remembered")
        browser.shot("overview-en", 1400)
        browser.open("/language/nl?back=%2F")
        step("English by the switch, remembered across pages")

        browser.sign_out()
        browser.sign_in(daemon.viewer)
        for path in ["/", "/schedule", f"/hearings/{hearing}", "/roster", "/reports/tradeoff", f"/people/{person}"]:
            browser.open(path)
            forms = [f.get_attribute("action") for f in browser.driver.find_elements(By.CSS_SELECTOR, "form[method='post']")]
            check([urllib.parse.urlparse(a).path for a in forms] == ["/sign-out"], f"a viewer sees forms on {path}: {forms}")
        browser.driver.get(daemon.url + "/changes/new")
        check(browser.h1() == "Dit mag u niet doen", "a viewer can open the change forms")
        browser.audit()
        session = browser.session_cookie()
        token = re.search(r'name="formToken" value="([^"]+)"', browser.driver.page_source).group(1)
        current = daemon.api("/v1/plans/current")["version"]
        forged = {
            "/changes/cancel": {"hearing": hearing},
            "/changes/availability": {"person": person, "availability": "available", "from": "2026-12-07", "to": "2026-12-07", "parts": "AM"},
            f"/hearings/{hearing}/choose": {"version": str(current), "option": "0"},
            "/reports/tradeoff": {},
        }
        for path, fields in forged.items():
            check(post(daemon, path, dict(fields, formToken=token), session) == 403, f"a viewer's post to {path} was not refused")
            check(post(daemon, path, fields, session) == 403, f"a forged post to {path} was not refused")
        time.sleep(1)
        check(daemon.api("/readyz")["pendingEvents"] == 0 and daemon.api("/v1/plans/current")["version"] == current,
              "a viewer's post changed something")
        step("a viewer sees no forms, and posts by form or forged are refused with 403; nothing changed")

        version = browser.driver.execute_script("return axe.version")
        print(f"ok - axe-core {version} found no serious or critical violation on {len(browser.checked)} pages: "
              + ", ".join(sorted(set(browser.checked))))
        print(f"{len(steps)} passed, 0 failed")
        return 0
    except Failure as failure:
        print(f"not ok {len(steps) + 1} - {failure}", flush=True)
        print(f"{len(steps)} passed, 1 failed")
        if browser:
            browser.driver.save_screenshot(os.path.join(scratch, "failure.png"))
            print(f"# the page: {browser.driver.current_url}; screenshot {scratch}/failure.png; log {daemon.log.name}")
        return 1
    finally:
        if browser:
            browser.quit()
        daemon.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--screenshots")
    arguments = parser.parse_args()
    if arguments.screenshots:
        os.makedirs(arguments.screenshots, exist_ok=True)
    started = time.time()
    status = run(os.path.abspath(arguments.binary), arguments.screenshots)
    print(f"# {time.time() - started:.0f} s")
    sys.exit(status)


if __name__ == "__main__":
    main()
