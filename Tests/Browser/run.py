#!/usr/bin/env python3
"""Drives the console in a real browser: Debian's headless Chromium through Selenium.

Starts `dossier serve --demo` on a throwaway data directory, then, as the demo's users:
signs in, reads a legal officer's deadlines, finds a case from the search box with the
`/` shortcut, runs a transition that needs a typed input, reads a blocked transition's
reason, and signs out. Runs axe-core (from the axe-selenium-python package) on every
screen and fails on any serious or critical violation, and saves a screenshot of each
screen, at desktop, 1024 px and phone widths, under the output folder. Then an admin gives a
user a temporary password, the user replaces it, sets up a second factor with the key the
page shows (the codes computed here by RFC 6238, independently of the server's library),
signs in with a code, and turns single-key shortcuts off. The legal officer also reads the
extradition deadline board, checks her calendar feed against it, and records a provisional
arrest with an effective time two days ago, whose 18- and 40-day deadlines must count
from that time.

Usage: Tests/Browser/run.py PATH/TO/dossier [OUTPUT_DIR]   (default /tmp/dossier-browser)
"""
import base64
import hashlib
import hmac
import os
import re
import struct
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait
from axe_selenium_python import Axe

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(dossier, work):
    port = free_port()
    log_path = os.path.join(work, "serve.log")
    env = dict(os.environ, DOSSIER_DATA_DIR=os.path.join(work, "data"))
    server = subprocess.Popen(
        [dossier, "serve", "--demo", "--port", str(port)], stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
        env=env, cwd=work, start_new_session=True)
    deadline = time.monotonic() + 300
    while "Passwords (new at every start)" not in open(log_path).read() or "Try:" not in open(log_path).read():
        if server.poll() is not None or time.monotonic() > deadline:
            sys.exit("serve --demo did not start:\n" + open(log_path).read()[-3000:])
        time.sleep(0.5)
    passwords = dict(re.findall(r"^  ([a-z][a-z0-9._-]*)\s+([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})\s+#", open(log_path).read(), re.M))
    if not check("l.chen" in passwords and "s.mendes" in passwords, "serve --demo printed the demo users' passwords"):
        sys.exit(open(log_path).read()[-3000:])
    return server, f"http://127.0.0.1:{port}", passwords, log_path


def stop(server):
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
            server.wait(timeout=wait)
            return
        except (ProcessLookupError, subprocess.TimeoutExpired):
            continue


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1366,900",
                     "--no-first-run", "--disable-extensions", "--lang=en-GB"):
        options.add_argument(argument)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    driver.implicitly_wait(2)
    return driver


class Screens:
    """Screenshots and axe runs, one per screen."""

    def __init__(self, driver, output):
        self.driver = driver
        self.output = output
        self.saved = []

    def capture(self, name):
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        for violation in serious:
            nodes = "; ".join((node["target"][0] if node.get("target") else "?") + ": " + node.get("failureSummary", "").replace("\n", " ")
                              for node in violation["nodes"][:3])
            check(False, f"axe on {name}: {violation['impact']} {violation['id']}: {violation['help']} ({nodes})")
        self.driver.set_window_size(1366, 900)
        top = os.path.join(self.output, f"{name}-top.png")   # what a desktop window shows first
        self.driver.execute_script("window.scrollTo(0, 0)")
        self.driver.save_screenshot(top)
        self.saved.append(top)
        for label, width, height in (("desktop", 1366, 900), ("1024", 1024, 768), ("phone", 390, 844)):
            self.driver.set_window_size(width, height)
            full = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(width, min(max(height, full), 8000))   # the whole page
            path = os.path.join(self.output, f"{name}-{label}.png")
            self.driver.save_screenshot(path)
            self.saved.append(path)
        self.driver.set_window_size(1366, 900)
        overflow = self.driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
        check(not overflow, f"{name} fits the window width without a horizontal scroll")


def sign_in(driver, base, user, password):
    driver.get(base + "/console/")
    check("/console/sign-in" in driver.current_url, "an unsigned visitor is sent to the sign-in page")
    driver.find_element(By.ID, "user").send_keys(user)
    wait_for_next_page(driver, lambda: driver.find_element(By.ID, "password").send_keys(password + Keys.ENTER))
    check(driver.find_elements(By.CSS_SELECTOR, "header.bar"), f"{user} is signed in")


def sign_out(driver):
    submit(driver, driver.find_element(By.CSS_SELECTOR, ".who form"))
    check("You are signed out" in driver.page_source, "signing out says so")


def wait_for_next_page(driver, action):
    """Runs `action` (a click, a key) and waits until another page has loaded."""
    driver.execute_script("window.dossierOldPage = true")
    action()
    WebDriverWait(driver, 15, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return window.dossierOldPage === undefined && document.readyState === 'complete'"))


def submit(driver, form):
    """Sends the form and waits for the page that answers it."""
    wait_for_next_page(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]").click)


def totp(key, at=None, step_offset=0):
    """The six-digit code an authenticator app shows for this base32 key (RFC 6238)."""
    secret = base64.b32decode(key.replace(" ", "") + "=" * (-len(key.replace(" ", "")) % 8))
    counter = int((at or time.time()) // 30) + step_offset
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def fill_required(form):
    """Fills a transition form's required fields with plausible values."""
    for field in form.find_elements(By.CSS_SELECTOR, "[required]"):
        tag, kind = field.tag_name, field.get_attribute("type")
        if tag == "select":
            Select(field).select_by_index(1)
        elif kind == "date":
            field.send_keys(time.strftime("%d%m%Y"))
        elif kind == "number":
            field.send_keys("1")
        else:
            field.send_keys("Entered by the browser test")


def unfold_calendar(text):
    """The content lines of an iCalendar document, checked strictly as RFC 5545 writes them:
    CRLF endings, at most 75 octets a line, continuation lines starting with a space."""
    raw = text.encode("utf-8").split(b"\r\n")
    check(raw[-1] == b"" and all(b"\n" not in line for line in raw), "the feed's lines end with CRLF")
    check(all(len(line) <= 75 for line in raw), "no feed line is longer than 75 octets")
    lines = []
    for line in raw[:-1]:
        if line.startswith(b" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return [line.decode("utf-8") for line in lines]


def calendar_events(text):
    """Each VEVENT of the feed as a dict of its properties (name with parameters → value)."""
    lines = unfold_calendar(text)
    check(lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR", "the feed is one VCALENDAR, version 2.0")
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    for event in events:
        check({"UID", "DTSTAMP", "SUMMARY"} <= event.keys(), f"an event has UID, DTSTAMP and SUMMARY ({event})")
        start = event.get("DTSTART;VALUE=DATE") or event.get("DTSTART")
        check(start and re.fullmatch(r"\d{8}(T\d{6}Z)?", start), f"an event starts on a date or a UTC time ({start})")
    return events


def legal_officer_extradition(driver, base, screens):
    """The deadline board, the calendar feed, and a provisional arrest typed two days late."""
    driver.get(base + "/console/extradition/board")
    check("Legal deadlines" in driver.title, "the navigation's Deadlines opens the deadline board")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.board tbody tr")
    overdue = [row.get_attribute("class") == "overdue" for row in rows]
    check(rows and overdue == sorted(overdue, reverse=True), f"the board lists overdue deadlines first ({overdue.count(True)} of {len(rows)})")
    check("must release" in driver.page_source and "Art." in driver.page_source, "each row says may or must release, and its article")
    board_references = sorted(row.find_element(By.CSS_SELECTOR, "td:nth-child(3) a").text for row in rows)
    screens.capture("extradition-board")

    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/console/extradition/calendar']"))
    address = driver.find_element(By.ID, "feed-url").text
    check(address.startswith(base + "/console/extradition/calendar/") and address.endswith(".ics"), f"the feed address is shown once ({address[:60]})")
    with urllib.request.urlopen(address, timeout=30) as answer:   # a calendar program: no cookie
        check(answer.headers.get("Content-Type", "").startswith("text/calendar"), "the feed is text/calendar")
        feed = answer.read().decode("utf-8")
    events = calendar_events(feed)
    feed_references = sorted(event["SUMMARY"].split(":")[0] for event in events)
    check(feed_references == board_references,
          f"the feed holds exactly the board's deadlines ({len(feed_references)} events, {len(board_references)} rows)")

    # A provisional arrest recorded two days after it happened, at 10:30 in Paris.
    driver.get(base + "/console/cases?q=fraud+suspect+sought")
    wait_for_next_page(driver, driver.find_element(By.CSS_SELECTOR, "table a[href^='/console/cases/EXT-']").click)
    paris = datetime.now(ZoneInfo("Europe/Paris"))
    located = (paris - timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    arrested = (paris - timedelta(days=2)).replace(hour=10, minute=30, second=0, microsecond=0)
    for step, when, choose in (("locate", located, False), ("provisionally_arrest", arrested, True)):
        form = driver.find_element(By.ID, "transition-" + step)
        form.find_element(By.XPATH, "..").find_element(By.TAG_NAME, "summary").click()
        field = form.find_element(By.NAME, "input.occurred_at")
        check(field.get_attribute("type") == "datetime-local", f"{step}: the effective time is a local date and time field")
        check("Europe/Paris" in form.text, f"{step}: the form says the time is read as the clock in Paris")
        driver.execute_script("arguments[0].value = arguments[1]", field, when.strftime("%Y-%m-%dT%H:%M"))
        if choose:
            Select(form.find_element(By.NAME, "input.custody")).select_by_value("custody")
        submit(driver, form)
        check("Done:" in driver.page_source, f"{step} is recorded: " + " | ".join(p.text for p in driver.find_elements(By.CSS_SELECTOR, ".problem")))
    panel = driver.find_element(By.ID, "extradition-deadlines").find_element(By.XPATH, "..").text
    check(arrested.strftime("%Y-%m-%d 10:30 Europe/Paris") in panel, "the step shows its effective time, in Paris")
    for days in (18, 40):
        last_day = (arrested.date() + timedelta(days=days)).isoformat()
        check(f"last day {last_day}" in panel, f"the {days}-day deadline counts from the arrest two days ago: last day {last_day}")
    screens.capture("extradition-case")


def investigator_records_review(driver, base, screens):
    """An investigator starts a review of the first MET case in the queue and records it; returns its reference."""
    driver.get(base + "/console/cold-cases/queue")
    check("Review queue" in driver.title, "the navigation's Review queue opens the queue")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")
    check(rows, "the queue lists cold cases")
    screens.capture("cold-case-queue")
    # A case of the investigator's own agency, so that agency's supervisor approves it.
    ours = [row for row in rows if row.find_element(By.CSS_SELECTOR, "td:nth-child(3)").text == "MET"]
    if not check(ours, "the queue holds a case of MET"):
        return None
    reference = ours[0].find_element(By.CSS_SELECTOR, "a").text
    driver.get(base + "/console/cases/" + reference)
    check(driver.find_elements(By.CSS_SELECTOR, "a[href='#cold-cases-reviews']"), "starting a review links to the reviews panel, not a UUID field")
    Select(driver.find_element(By.ID, "review-type")).select_by_value("periodic")
    submit(driver, driver.find_element(By.ID, "start-review"))
    check("Review started" in driver.page_source, f"{reference}: the investigator starts a review")
    form = driver.find_element(By.CSS_SELECTOR, "form[id^='record-']")
    for factor in ("forensic_evidence", "witnesses_available"):
        form.find_element(By.CSS_SELECTOR, f"input[value='{factor}']").click()
    check("(now 45)" in form.text, f"the score as it will be stored shows while boxes are ticked ({form.find_element(By.TAG_NAME, 'output').text!r})")
    form.find_element(By.NAME, "findings").send_keys("Swabs from the scene are suitable for DNA-17; two witnesses traced.")
    Select(form.find_element(By.NAME, "decision")).select_by_value("remain_cold")
    screens.capture("cold-case-record-review")
    submit(driver, form)
    check("Review recorded (score 45, tier 2)" in driver.page_source, f"{reference}: the review is recorded with its score and tier")
    check("someone else approves it" in driver.page_source, "the reviewer is told someone else approves it")
    return reference


def supervisor_approves_review(driver, base, screens, reference):
    """The supervisor approves the review the investigator recorded."""
    if not check(reference, "an investigator recorded a review to approve"):
        return
    driver.get(base + "/console/cases/" + reference)
    buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, "form[action$='/approve'] button") if b.text.startswith("Approve")]
    check(buttons and "Score 45, tier 2" in driver.page_source, f"{reference}: the supervisor sees the recorded score and may approve")
    screens.capture("cold-case-review")
    if buttons:
        wait_for_next_page(driver, buttons[0].click)
        check("Review approved" in driver.page_source and "Next review due" in driver.page_source,
              f"{reference}: the supervisor approves the review someone else recorded")


def investigator_keeps_the_log(driver, base, screens, dossier, work):
    """An investigator on Operation Kestrel: its authorisation, the log, an entry refused and one recorded, a
    correction, and the disclosure export downloaded and verified offline by `dossier surveillance verify`."""
    wait_for_next_page(driver, driver.find_element(By.LINK_TEXT, "Surveillance").click)
    check(driver.title.startswith("Surveillance operations"), "the navigation's Surveillance opens the operations")
    rows = driver.find_elements(By.CSS_SELECTOR, "table tbody tr")
    uncovered = [row.get_attribute("class") == "overdue" for row in rows]
    check(rows and uncovered == sorted(uncovered, reverse=True), f"operations with nothing in force come first ({uncovered.count(True)} of {len(rows)})")
    screens.capture("surveillance-operations")
    driver.get(base + "/console/cases?q=Kestrel")
    wait_for_next_page(driver, driver.find_element(By.CSS_SELECTOR, "table a[href^='/console/cases/SURV-']").click)
    panel = driver.find_element(By.ID, "surveillance-authorisations").find_element(By.XPATH, "..").text
    check("DS-2026-0412" in panel and "In force" in panel and "left" in panel,
          "the case page shows the authorisation in force with its time left")
    check("3 calendar months" in panel and "s.43(3)(c)" in panel, "with its legal maximum and the article that sets it")
    screens.capture("surveillance-authorisations")
    wait_for_next_page(driver, driver.find_element(By.LINK_TEXT, "Open the log").click)
    check(driver.title.startswith("Log of SURV-"), "the panel leads to the operation's log")
    check("Chain intact" in driver.page_source, "the log says its chain verifies")
    check("corrected by" in driver.page_source and "corrects" in driver.page_source, "a correction shows beside the entry it corrects")
    entries = len(driver.find_elements(By.CSS_SELECTOR, "table.log tbody tr"))

    london = datetime.now(ZoneInfo("Europe/London"))
    started = (london - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")

    def fill(subject, text):
        form = driver.find_element(By.CSS_SELECTOR, "form[action$='/log'][method='post']")
        driver.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "started_at"), started)
        field = form.find_element(By.NAME, "subject")
        field.clear()
        field.send_keys(subject)
        Select(form.find_element(By.NAME, "method")).select_by_value("visual")
        location = form.find_element(By.NAME, "location")
        location.clear()
        location.send_keys("Harbour Road, E16")
        box = form.find_element(By.NAME, "text")
        box.clear()
        box.send_keys(text)
        return form

    submit(driver, fill("Someone Else", "A man we do not know entered unit 4."))
    check("Not recorded:" in driver.page_source and "is not covered by authorisation DS-2026-0412" in driver.page_source,
          "an entry about someone the authorisation does not name is refused with the reason")
    check(driver.find_element(By.NAME, "text").get_attribute("value") == "A man we do not know entered unit 4.",
          "the refused entry's text is kept in the form")
    screens.capture("surveillance-log-refused")
    submit(driver, fill("Leon Marsh", "Marsh entered unit 4 with a holdall."))
    check(f"Entry {entries + 1} recorded." in driver.page_source, f"the entry is recorded as entry {entries + 1}")
    wait_for_next_page(driver, driver.find_element(By.LINK_TEXT, f"Correct entry {entries + 1}").click)
    check(f"Correct entry {entries + 1}" in driver.page_source, "the correction form opens filled with the entry")
    form = driver.find_element(By.CSS_SELECTOR, "form[action$='/log'][method='post']")
    check(form.find_element(By.NAME, "text").get_attribute("value") == "Marsh entered unit 4 with a holdall.", "with its text")
    form.find_element(By.NAME, "reason").send_keys("two holdalls, per the footage")
    box = form.find_element(By.NAME, "text")
    box.clear()
    box.send_keys("Marsh entered unit 4 with two holdalls.")
    submit(driver, form)
    check(f"correcting entry {entries + 1}" in driver.page_source, "the correction is a new entry naming the one it corrects")
    check("dossier surveillance verify SURV-" in driver.page_source and "--public-key " in driver.page_source,
          "the disclosure export prints the command that verifies it offline")
    screens.capture("surveillance-log")

    # The export, downloaded as a person would, unpacked and checked with the command printed beside it.
    archive_name = re.search(r"tar -xf (SURV-\d{4}-\d{6})-disclosure\.tar", driver.page_source)
    key = re.search(r"--public-key ([0-9a-f]{64})", driver.page_source)
    if not check(archive_name and key, "the page names the archive and the exporter's key"):
        return
    reference = archive_name.group(1)
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads, exist_ok=True)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    driver.find_element(By.CSS_SELECTOR, "form[action$='/export'] button").click()
    archive = os.path.join(downloads, f"{reference}-disclosure.tar")
    deadline = time.monotonic() + 30
    while not os.path.exists(archive) and time.monotonic() < deadline:
        time.sleep(0.2)
    if not check(os.path.exists(archive), f"the export downloads as {reference}-disclosure.tar"):
        return
    time.sleep(0.5)   # let the browser finish writing it
    subprocess.run(["tar", "-xf", archive, "-C", downloads], check=True)
    verified = subprocess.run(
        [dossier, "surveillance", "verify", os.path.join(downloads, f"{reference}.jsonl"), "--public-key", key.group(1)],
        capture_output=True, text=True, timeout=60)
    check(verified.returncode == 0 and verified.stdout.startswith("verified "),
          f"the downloaded export verifies offline: {verified.stdout.strip()[:160]} {verified.stderr.strip()[:160]}")


def directory_search(driver, base, screens):
    """Anyone: the directory by country, stale entries marked, an entry's page with its clock."""
    driver.get(base + "/console/network/directory?country=ES")
    check("Points of contact for ES" in driver.page_source, "a country's points of contact come first")
    check(driver.find_elements(By.CSS_SELECTOR, "table tbody tr"), "the search lists entries")
    screens.capture("directory")
    wait_for_next_page(driver, driver.find_element(By.CSS_SELECTOR, "table a[href^='/console/network/investigators/']").click)
    check("Their time now" in driver.page_source and "Europe/Madrid" in driver.page_source, "an entry says the time where they work")
    screens.capture("directory-entry")
    driver.get(base + "/console/network/operations")
    check("Total" in driver.page_source and "Arrested" in driver.page_source, "operations show their results by country and in total")
    screens.capture("network-operations")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    dossier = os.path.abspath(sys.argv[1])
    output = sys.argv[2] if len(sys.argv) > 2 else "/tmp/dossier-browser"
    os.makedirs(output, exist_ok=True)
    work = tempfile.mkdtemp(prefix="dossier-browser-")
    os.chmod(work, 0o755)   # as root, the embedded cluster runs as the postgres user
    server, base, passwords, log_path = start_server(dossier, work)
    driver = browser()
    screens = Screens(driver, output)
    try:
        driver.get(base + "/console/sign-in")
        screens.capture("sign-in")

        # A legal officer's deadlines: overdue first, with the legal basis, must and may apart.
        sign_in(driver, base, "l.chen", passwords["l.chen"])
        page = driver.page_source
        check("Legal deadlines" in page, "a legal officer's My work shows the legal deadlines")
        rows = driver.find_elements(By.CSS_SELECTOR, "#legal-heading ~ table tbody tr")
        overdue = [row.get_attribute("class") == "overdue" for row in rows]
        check(overdue and overdue[0] and overdue == sorted(overdue, reverse=True),
              f"overdue deadlines come first, before any that are still running ({overdue.count(True)} of {len(overdue)})")
        check(driver.find_elements(By.CSS_SELECTOR, ".badge.must") and driver.find_elements(By.CSS_SELECTOR, ".badge.may"),
              "must and may deadlines are marked apart")
        check("Art." in page, "each deadline gives its legal basis")
        screens.capture("my-work-legal")
        legal_officer_extradition(driver, base, screens)

        # Legal staff record a step: the search box, then a transition with a typed input.
        driver.get(base + "/console/cases")
        check(re.search(r"\d+ cases? you may see match", driver.find_element(By.TAG_NAME, "main").text),
              "the case list counts the visible cases")
        screens.capture("cases")
        references = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "table a[href^='/console/cases/']")][:30]
        check(references, "the case list shows cases")
        Select(driver.find_element(By.ID, "f-sort")).select_by_value("deadline")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form.filters"))
        check("sort=deadline" in driver.current_url and "Next deadline" in driver.find_element(By.TAG_NAME, "thead").text,
              "the case list sorts by next deadline, and shows it")
        screens.capture("cases-by-deadline")
        driver.get(base + "/console/cases")

        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys("/")
        check(driver.switch_to.active_element.get_attribute("id") == "search-box", "/ focuses the search box")
        wait_for_next_page(driver, lambda: driver.switch_to.active_element.send_keys(references[0].lower() + Keys.ENTER))
        check(driver.current_url.endswith("/console/cases/" + references[0]), f"searching {references[0]} opens the case")

        ran = False
        attempts = []
        for reference in references:
            driver.get(base + "/console/cases/" + reference)
            if ran:
                break
            forms = driver.find_elements(By.CSS_SELECTOR, "form.transition")
            # Forms a person fills in with words: a reason for the step.
            for index in [i for i, f in enumerate(forms) if "Reason (required)" in f.get_attribute("textContent")]:
                driver.get(base + "/console/cases/" + reference)
                form = driver.find_elements(By.CSS_SELECTOR, "form.transition")[index]
                details = form.find_element(By.XPATH, "..")
                label = details.find_element(By.TAG_NAME, "summary").text
                details.find_element(By.TAG_NAME, "summary").click()   # open the step's form
                screens.capture("case")
                # Sent empty, past the browser's own check: the server names the missing field.
                driver.execute_script("arguments[0].noValidate = true", form)
                submit(driver, form)
                check("Required" in driver.find_element(By.TAG_NAME, "main").text,
                      f"{reference} {label}: a missing required input is named next to its field")
                screens.capture("case-form-error")
                form = [f for f in driver.find_elements(By.CSS_SELECTOR, "form.transition") if f.find_elements(By.CSS_SELECTOR, ".field-problem")][0]
                fill_required(form)
                submit(driver, form)
                if "Done:" in driver.page_source:
                    ran = True
                    screens.capture("case-after-transition")
                    break
                attempts.append(f"{reference} {label}: " + " | ".join(p.text for p in driver.find_elements(By.CSS_SELECTOR, ".problem, .field-problem")))
        check(ran, "a transition with a required input ran from its form; tried: " + "; ".join(attempts[:5]))

        sign_out(driver)

        # An investigator: a blocked transition says why.
        sign_in(driver, base, "a.okafor", passwords["a.okafor"])
        screens.capture("my-work-investigator")
        reviewed = investigator_records_review(driver, base, screens)
        investigator_keeps_the_log(driver, base, screens, dossier, work)
        directory_search(driver, base, screens)
        driver.get(base + "/console/cases")
        blocked_seen = False
        for reference in [a.text for a in driver.find_elements(By.CSS_SELECTOR, "table a[href^='/console/cases/']")][:40]:
            driver.get(base + "/console/cases/" + reference)
            if driver.find_elements(By.CSS_SELECTOR, ".blocked .reason"):
                reason = driver.find_element(By.CSS_SELECTOR, ".blocked .reason").text
                blocked_seen = check("needs the role" in reason or len(reason) > 20, f"a blocked transition says why: {reason!r}")
                screens.capture("case-blocked")
                break
        check(blocked_seen, "a blocked transition's reason is shown")
        sign_out(driver)

        # A supervisor: the agency's overdue items, and person search.
        sign_in(driver, base, "s.mendes", passwords["s.mendes"])
        check("Overdue on cases you supervise (MET)" in driver.page_source, "a supervisor's My work shows the agency's overdue items")
        screens.capture("my-work-supervisor")
        supervisor_approves_review(driver, base, screens, reviewed)
        driver.get(base + "/console/persons?q=ivanov")
        check("Matched on" in driver.page_source, "person search finds names")
        screens.capture("persons")
        driver.get(base + "/console/workflows")
        check("A new case starts in" in driver.page_source, "the workflows page draws each case type")
        screens.capture("workflows")
        sign_out(driver)

        # An auditor's and an admin's pages.
        sign_in(driver, base, "k.brennan", passwords["k.brennan"])
        driver.get(base + "/console/audit")
        check("Access log" in driver.page_source and "Signed in" in driver.page_source, "an auditor reads the access and admin logs")
        screens.capture("audit")
        sign_out(driver)
        sign_in(driver, base, "admin", passwords["admin"])
        driver.get(base + "/console/admin")
        check("Add a user" in driver.page_source and "l.chen" in driver.page_source, "an admin sees the users")
        screens.capture("admin")
        # The auditor's password is forgotten: the admin sets a temporary one, with why.
        driver.get(base + "/console/admin/users/k.brennan")
        screens.capture("admin-user")
        form = driver.find_element(By.CSS_SELECTOR, "form[action$='/password']")
        form.find_element(By.NAME, "password").send_keys("temporary passphrase 1")
        form.find_element(By.NAME, "again").send_keys("temporary passphrase 1")
        form.find_element(By.NAME, "reason").send_keys("forgot her password; called from her desk phone")
        submit(driver, form)
        check("Set a temporary password for k.brennan" in driver.page_source, "the admin sets a temporary password")
        sign_out(driver)

        # k.brennan signs in with it and must choose her own before anything else opens.
        sign_in(driver, base, "k.brennan", "temporary passphrase 1")
        check("/console/account" in driver.current_url and "An administrator set the password" in driver.page_source,
              "a temporary password leads to choosing one's own")
        screens.capture("account-new-password")
        driver.find_element(By.ID, "pw-current").send_keys("temporary passphrase 1")
        driver.find_element(By.ID, "pw-new").send_keys("kathleen's own passphrase")
        driver.find_element(By.ID, "pw-again").send_keys("kathleen's own passphrase")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/console/account/password']"))
        check("Your password is changed" in driver.page_source and "/console/account" not in driver.current_url,
              "once replaced, she goes on to My work")

        # She sets up a second factor with the key the page shows.
        driver.get(base + "/console/account")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/console/account/second-factor']"))
        key = driver.find_element(By.ID, "factor-key").text
        check(len(key.replace(" ", "")) >= 32, f"the account page shows the key to type into an app ({key!r})")
        links = driver.find_elements(By.CSS_SELECTOR, "a[href^='otpauth://totp/']")
        check(links, "and an otpauth link for the phone")
        # The QR code, as a phone's camera sees it: decoded by zbar (Debian's zbar-tools).
        shot = os.path.join(output, "second-factor-qr.png")
        driver.find_element(By.CSS_SELECTOR, ".qr svg").screenshot(shot)
        decoded = subprocess.run(["zbarimg", "--raw", "-q", shot], capture_output=True, text=True).stdout.strip()
        check(links and decoded == links[0].get_attribute("href"),
              f"the QR code decodes to the otpauth address ({decoded[:60]!r})")
        screens.capture("account-second-factor")
        driver.find_element(By.ID, "factor-password").send_keys("kathleen's own passphrase")
        driver.find_element(By.ID, "factor-code").send_keys(totp(key))
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/console/account/second-factor/confirm']"))
        check("asks for a code after your password" in driver.page_source, "a code from the key turns the second factor on")
        sign_out(driver)
        sign_in(driver, base, "k.brennan", "kathleen's own passphrase")
        check("/console/sign-in/code" in driver.current_url, "with a second factor, the password leads to the code form")
        screens.capture("sign-in-code")
        # The next step's code: the one just used to confirm is spent.
        wait_for_next_page(driver, lambda: driver.find_element(By.ID, "code").send_keys(totp(key, step_offset=1) + Keys.ENTER))
        check("My work" in driver.title and "/console/sign-in" not in driver.current_url, "the code signs her in")

        # Single-key shortcuts off: "/" types nothing and moves nowhere.
        driver.get(base + "/console/account")
        box = driver.find_element(By.ID, "pref-shortcuts")
        if box.is_selected():
            box.click()
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/console/account/preferences']"))
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        check(driver.switch_to.active_element.get_attribute("id") != "search-box", "with shortcuts off, / does not move the focus")
        screens.capture("account")
        sign_out(driver)
        driver.get(base + "/console/cases")
        check("/console/sign-in" in driver.current_url, "after signing out, pages need signing in again")
    finally:
        driver.quit()
        stop(server)
    print(f"{len(screens.saved)} screenshots in {output}")
    if failures:
        print("\nserver log:\n" + open(log_path).read()[-3000:], file=sys.stderr)
        sys.exit(f"{len(failures)} browser checks failed")
    shutil.rmtree(work, ignore_errors=True)
    print("browser tests passed")


if __name__ == "__main__":
    main()
