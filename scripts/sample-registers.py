#!/usr/bin/env python3
"""Writes the departmental registers of the fictional sample city Sahyadrinagar for 2024
(financial year 2024-25, April 2024 to March 2025):

    SampleData/sahyadrinagar/2024/fire_calls.csv
    SampleData/sahyadrinagar/2024/water_quality_tests.csv
    SampleData/sahyadrinagar/2024/health_facilities.csv

in the layouts of Indicators/registers/<id>.yaml, so that the derivations of those schemas give
exactly the figures the sample city used to submit as totals:

    fire_deaths                       41       (fire.csv 2024)
    fire_response_time_mean           9.8 min  over 8 105 turn-outs
    drinking_water_samples_tested     15 940   (water.csv 2024)
    drinking_water_samples_compliant  15 536
    hospital_beds_inpatient           14 385   (health.csv 2024)

The registers also hold records the derivations must leave out (calls of March 2024, false alarms
and special services, raw-water, borewell and repeat samples, lapsed, superseded and cancelled
registrations), so that the filters matter. Every record is valid against its schema.

Deterministic (fixed seed), Python 3 standard library only. After writing, the script reads the
files back, recomputes each derived element with the same filters as the schemas' `derive:` and
checks it against the target; it exits 1 if any differs.

    python3 scripts/sample-registers.py
"""

import csv
import datetime as dt
import io
import os
import random
import sys
from decimal import Decimal

SEED = 37120
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT = os.path.join(ROOT, "SampleData", "sahyadrinagar", "2024")
YEAR = 2024  # the reporting year: financial year 2024-25

TARGETS = {
    "fire_deaths": 41,
    "fire_turnouts": 8105,
    "fire_response_time_mean": Decimal("9.8"),
    "drinking_water_samples_tested": 15940,
    "drinking_water_samples_compliant": 15536,
    "hospital_beds_inpatient": 14385,
}

# The sample city's 17 ward offices (the 17 ward committees of elections.csv), by zone.
WARDS = [
    ("Shivaji Peth", "Central"), ("Kasba Peth", "Central"), ("Sadashiv Peth", "Central"),
    ("Ganesh Nagar", "North"), ("Ambedkar Nagar", "North"), ("Pimpalgaon", "North"), ("Tilak Nagar", "North"),
    ("Riverside", "East"), ("Nadikath", "East"), ("Tekdi Wadi", "East"), ("Ramdara", "East"),
    ("Wadgaon", "South"), ("Sahakar Nagar", "South"), ("Indira Nagar", "South"),
    ("Station Road", "West"), ("Market Yard", "West"), ("Audyogik Vasahat", "West"),
]
WARD_NAMES = [w for w, _ in WARDS]
# Relative size of each ward office (population and activity).
WARD_WEIGHTS = [6, 5, 5, 7, 8, 7, 6, 6, 8, 7, 5, 7, 6, 7, 5, 4, 6]


def fy(d):
    """Indian financial year of a date: April 2024 to March 2025 is 2024."""
    return d.year if d.month >= 4 else d.year - 1


def days(start, end):
    """Every date from start to end, both included."""
    out, d = [], start
    while d <= end:
        out.append(d)
        d += dt.timedelta(days=1)
    return out


def write_csv(name, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(["" if r.get(h) is None else r[h] for h in header])
    data = buf.getvalue().encode("utf-8")
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data)
    return path, len(rows), len(data)


def read_csv(name):
    with open(os.path.join(OUT, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def date_of(text):
    return dt.date.fromisoformat(text) if text else None


def fmt_bool(b):
    return None if b is None else ("true" if b else "false")


def adjust_to_total(rng, values, target, lo, hi, step=1):
    """Nudges integer values (in place) by `step` at random positions, within [lo, hi], until they
    add up to target."""
    diff = target - sum(values)
    while diff != 0:
        i = rng.randrange(len(values))
        if diff > 0 and values[i] + step <= hi:
            values[i] += step
            diff -= step
        elif diff < 0 and values[i] - step >= lo:
            values[i] -= step
            diff += step


# ---------------------------------------------------------------------------------------------
# Fire-call occurrence register
# ---------------------------------------------------------------------------------------------

FIRE_FIELDS = ["call_no", "call_date", "call_time", "received_via", "station", "ward_office", "call_type",
               "property_type", "arrival_time", "response_minutes", "deaths", "injuries"]

# Station(s) that normally reach each ward office first. Hill-side (Tekdi Wadi) opened on
# 5 June 2024 and New Riverside (Nadikath) on 15 August 2024; before that the eastern wards were
# served from Ramdara and Riverside, further away.
HILLSIDE_OPEN = dt.date(2024, 6, 5)
NEW_RIVERSIDE_OPEN = dt.date(2024, 8, 15)
WARD_STATIONS = {
    "Shivaji Peth": ["Central"], "Kasba Peth": ["Kasba"], "Sadashiv Peth": ["Central", "Kasba"],
    "Ganesh Nagar": ["Ganesh Nagar"], "Ambedkar Nagar": ["Ganesh Nagar", "Tilak Nagar"],
    "Pimpalgaon": ["Tilak Nagar"], "Tilak Nagar": ["Tilak Nagar"],
    "Riverside": ["Riverside"], "Nadikath": ["New Riverside"], "Tekdi Wadi": ["Hill-side"], "Ramdara": ["Ramdara"],
    "Wadgaon": ["Wadgaon"], "Sahakar Nagar": ["Sahakar Nagar"], "Indira Nagar": ["Sahakar Nagar", "Wadgaon"],
    "Station Road": ["Station Road"], "Market Yard": ["Station Road", "Central"],
    "Audyogik Vasahat": ["Audyogik Vasahat"],
}
ZONE_STATIONS = {
    "Central": ["Central", "Kasba"], "North": ["Ganesh Nagar", "Tilak Nagar"],
    "East": ["Riverside", "Ramdara"], "South": ["Wadgaon", "Sahakar Nagar"],
    "West": ["Station Road", "Audyogik Vasahat"],
}
FIRE_PROPERTY = [("open_land_garbage", 30), ("residential_building", 27), ("commercial", 14), ("vehicle", 9),
                 ("slum_hutment", 8), ("industrial", 5), ("other", 5), ("institutional", 2)]


def station_for(rng, ward, zone, day):
    stations = list(WARD_STATIONS[ward])
    if day < HILLSIDE_OPEN:
        stations = [s if s != "Hill-side" else "Ramdara" for s in stations]
    if day < NEW_RIVERSIDE_OPEN:
        stations = [s if s != "New Riverside" else "Riverside" for s in stations]
    if rng.random() < 0.15:  # the nearest station's appliances were out: a neighbour went
        others = [s for s in ZONE_STATIONS[zone] if s not in stations]
        if others:
            return rng.choice(others)
    return rng.choice(stations)


def month_weight(kind, d):
    """Seasonality: fires peak in the dry summer and at Diwali, rescues in the monsoon."""
    m = d.month
    if kind == "fire":
        w = {3: 1.5, 4: 1.6, 5: 1.5, 6: 0.9, 7: 0.6, 8: 0.6, 9: 0.7, 10: 0.9, 11: 1.3, 12: 1.0, 1: 1.0, 2: 1.2}[m]
        if d in (dt.date(2024, 11, 1), dt.date(2024, 11, 2)):  # Diwali (Lakshmi Pujan)
            w *= 4
        return w
    if kind == "rescue":
        return {6: 1.7, 7: 2.1, 8: 1.8, 9: 1.5}.get(m, 0.75)
    return 1.0


def response_base(rng, ward, day):
    """A raw response time in minutes before scaling: lognormal, longer in the outer wards and in
    the eastern wards before their new stations opened."""
    x = rng.lognormvariate(2.12, 0.42)
    if ward in ("Tekdi Wadi",) and day < HILLSIDE_OPEN:
        x += 3.5
    if ward in ("Nadikath",) and day < NEW_RIVERSIDE_OPEN:
        x += 3.0
    if ward in ("Audyogik Vasahat", "Pimpalgaon", "Ramdara"):
        x += 1.0
    return min(max(x, 2.5), 55.0)


def fire_calls(rng):
    # (first day, last day, first serial, counts) of each block of the register.
    blocks = [
        # March 2024, the last month of FY 2023-24: the export starts on 1 March 2024.
        ("2023-24", dt.date(2024, 3, 1), dt.date(2024, 3, 31), 9736,
         {"fire": 566, "fire_no_arrival": 6, "rescue": 131, "rescue_no_arrival": 2,
          "false_arrived": 44, "false_cancelled": 29, "special": 47}),
        ("2024-25", dt.date(2024, 4, 1), dt.date(2025, 3, 31), 1,
         {"fire": 5630, "fire_no_arrival": 62, "rescue": 2475, "rescue_no_arrival": 19,
          "false_arrived": 531, "false_cancelled": 338, "special": 641}),
    ]
    all_rows = []
    for fy_label, start, end, first_serial, counts in blocks:
        span = days(start, end)
        rows = []
        for kind, n in counts.items():
            base = kind.split("_")[0]
            weights = [month_weight(base, d) for d in span]
            for d in rng.choices(span, weights=weights, k=n):
                ward_i = rng.choices(range(len(WARDS)), weights=WARD_WEIGHTS)[0]
                ward, zone = WARDS[ward_i]
                call_type = {"fire": "fire", "rescue": "rescue", "false": "false_alarm", "special": "special_service"}[base]
                hour = rng.choices(range(24), weights=[2, 1.5, 1, 1, 1, 1.5, 2, 3, 4, 5, 6, 6, 7, 7, 7, 6, 6, 6, 6, 5, 5, 4, 3, 2.5])[0]
                secs = hour * 3600 + rng.randrange(3600)
                r = {
                    "day": d, "secs": secs, "ward_office": ward, "zone": zone, "call_type": call_type,
                    "station": station_for(rng, ward, zone, d),
                    "received_via": rng.choices(["101", "112", "station_phone", "police_control"], weights=[52, 38, 8, 2])[0],
                    "property_type": None, "response_tenths": None, "deaths": 0, "injuries": 0,
                    "arrived": kind in ("fire", "rescue", "false_arrived", "special"),
                }
                if call_type == "fire":
                    r["property_type"] = rng.choices([p for p, _ in FIRE_PROPERTY], weights=[w for _, w in FIRE_PROPERTY])[0]
                    if rng.random() < 0.004:
                        r["property_type"] = None  # not entered
                    if rng.random() < 0.05:
                        r["injuries"] = rng.choice([1, 1, 1, 2, 2, 3])
                elif call_type == "rescue" and rng.random() < 0.12:
                    r["injuries"] = rng.choice([1, 1, 2])
                elif call_type == "special_service" and rng.random() < 0.02:
                    r["injuries"] = 1
                if kind == "special" and rng.random() < 0.025:
                    r["arrived"] = False  # arrival not logged
                if r["arrived"]:
                    r["raw_minutes"] = response_base(rng, ward, d) + (1.5 if call_type == "special_service" else 0)
                rows.append(r)
        # Casualties. Deaths at fire calls make fire_deaths; rescue and special-service deaths
        # (drowning, building collapse, electrocution) are not fire deaths.
        fires = [r for r in rows if r["call_type"] == "fire" and r["arrived"]
                 and r["property_type"] in ("residential_building", "slum_hutment", "commercial", "industrial", "vehicle")]
        rescues = [r for r in rows if r["call_type"] == "rescue" and r["arrived"]]
        specials = [r for r in rows if r["call_type"] == "special_service" and r["arrived"]]
        if fy_label == "2024-25":
            fire_deaths = [4, 3, 2, 2, 2, 2] + [1] * 26  # 41 persons in 32 fires
            rescue_deaths = [3, 2, 2] + [1] * 52
            special_deaths = [1] * 6
        else:
            fire_deaths, rescue_deaths, special_deaths = [2, 1], [1, 1, 1, 1], [1]
        for pool, deaths in ((fires, fire_deaths), (rescues, rescue_deaths), (specials, special_deaths)):
            for r, k in zip(rng.sample(pool, len(deaths)), deaths):
                r["deaths"] = k
                r["injuries"] += rng.choice([0, 0, 1, 2])
        # Response times: scale the fire and rescue turn-outs of FY 2024-25 to a mean of exactly
        # 9.8 minutes (sum of tenths = 98 x n), keeping the shape; other calls as drawn. FY 2023-24
        # was slower (10.9 minutes in its annual report).
        target_mean = TARGETS["fire_response_time_mean"] if fy_label == "2024-25" else Decimal("10.9")
        counted = [r for r in rows if r["arrived"] and r["call_type"] in ("fire", "rescue")]
        mean_raw = sum(r["raw_minutes"] for r in counted) / len(counted)
        for r in rows:
            if r["arrived"]:
                scale = float(target_mean) / mean_raw
                r["response_tenths"] = max(20, min(600, round(r["raw_minutes"] * scale * 10)))
        tenths = [r["response_tenths"] for r in counted]
        adjust_to_total(rng, tenths, int(target_mean * 10) * len(counted), 20, 600)
        for r, t in zip(counted, tenths):
            r["response_tenths"] = t
        rows.sort(key=lambda r: (r["day"], r["secs"]))
        for i, r in enumerate(rows):
            r["call_no"] = "SFB/%s/%05d" % (fy_label, first_serial + i)
        all_rows += rows
    out = []
    for r in all_rows:
        arrival = None
        if r["response_tenths"] is not None:
            a = (r["secs"] + r["response_tenths"] * 6) % 86400
            arrival = "%02d:%02d:%02d" % (a // 3600, a // 60 % 60, a % 60)
        out.append({
            "call_no": r["call_no"], "call_date": r["day"].isoformat(),
            "call_time": "%02d:%02d:%02d" % (r["secs"] // 3600, r["secs"] // 60 % 60, r["secs"] % 60),
            "received_via": r["received_via"], "station": r["station"], "ward_office": r["ward_office"],
            "call_type": r["call_type"], "property_type": r["property_type"], "arrival_time": arrival,
            "response_minutes": None if r["response_tenths"] is None else "%d.%d" % divmod(r["response_tenths"], 10),
            "deaths": r["deaths"], "injuries": r["injuries"],
        })
    return out


# ---------------------------------------------------------------------------------------------
# Water testing laboratory register
# ---------------------------------------------------------------------------------------------

WATER_FIELDS = ["sample_no", "collected_on", "point_type", "sampling_point", "ward_office", "lab", "repeat_of",
                "residual_chlorine_mg_l", "turbidity_ntu", "coliform_present", "compliant"]
TREATED = ("wtp_outlet", "service_reservoir", "consumer_tap", "public_standpost")
PLANTS = [("NWTP", "Ganesh Nagar", "north_wtp_lab"), ("SWTP", "Wadgaon", "south_wtp_lab")]


def monsoon(d):
    return d.month in (6, 7, 8, 9)


def water_tests(rng):
    # 66 service reservoirs spread over the ward offices.
    esr_ward = [rng.choices(WARD_NAMES, weights=WARD_WEIGHTS)[0] for _ in range(66)]

    def treated_sample(d, point_type, fail):
        s = {"day": d, "point_type": point_type, "repeat_of": None, "coliform": False}
        if point_type == "wtp_outlet":
            code, ward, lab = rng.choice(PLANTS)
            s.update(point="%s-OUT" % code, ward=ward, lab=lab, cl=rng.randint(8, 16), turb=rng.randint(1, 7))
        elif point_type == "service_reservoir":
            n = rng.randrange(66)
            s.update(point="ESR-%02d" % (n + 1), ward=esr_ward[n], cl=rng.randint(4, 12), turb=rng.randint(1, 9))
        else:
            w = rng.choices(range(len(WARDS)), weights=WARD_WEIGHTS)[0]
            if point_type == "consumer_tap":
                point = "CT/%02d/%04d" % (w + 1, rng.randint(1, 1200))
            else:
                point = "SP/%02d/%03d" % (w + 1, rng.randint(1, 90))
            s.update(point=point, ward=WARD_NAMES[w], cl=rng.randint(2, 8), turb=rng.randint(1, 10))
        if point_type != "wtp_outlet":
            s["lab"] = "nabl_external" if rng.random() < 0.15 else "central_lab"
        if point_type in ("consumer_tap", "public_standpost") and rng.random() < 0.03:
            s["turb"] = None  # turbidity not tested on this sample (chlorine and bacteriology always are)
        if fail:
            reason = "turbidity" if point_type == "wtp_outlet" else rng.choices(["chlorine", "coliform", "turbidity"], weights=[60, 30, 10])[0]
            if reason == "chlorine":
                s["cl"] = rng.choice([0, 1, 1])
            elif reason == "coliform":
                s["coliform"] = True
                s["cl"] = rng.choice([0, 1, 2, 2, 3])
            else:
                s["turb"] = rng.randint(11, 65 if monsoon(d) else 30)
        s["compliant"] = not fail
        return s

    def check(s):
        ok = s["cl"] >= 2 and (s["turb"] is None or s["turb"] <= 10) and not s["coliform"]
        assert ok == s["compliant"], s

    blocks = [
        # The export starts on 25 March 2024, in the last week of FY 2023-24.
        ("2023-24", dt.date(2024, 3, 25), dt.date(2024, 3, 31), 15120,
         {"wtp_outlet": 56, "service_reservoir": 76, "consumer_tap": 158, "public_standpost": 10},
         {"service_reservoir": 1, "consumer_tap": 6}),
        ("2024-25", dt.date(2024, 4, 1), dt.date(2025, 3, 31), 1,
         {"wtp_outlet": 2920, "service_reservoir": 3960, "consumer_tap": 8520, "public_standpost": 540},
         {"wtp_outlet": 6, "service_reservoir": 38, "consumer_tap": 330, "public_standpost": 30}),
    ]
    all_rows = []
    for fy_label, start, end, first_serial, counts, fails in blocks:
        span = days(start, end)
        # The laboratories work Monday to Saturday for distribution samples; plant outlets every day.
        weekday_w = [0.15 if d.weekday() == 6 else 1.0 for d in span]
        rows = []
        for point_type, n in counts.items():
            if point_type == "wtp_outlet":
                dates = [span[i % len(span)] for i in range(n)]
            else:
                w = [x * (1.25 if monsoon(d) else 1.0) for x, d in zip(weekday_w, span)]
                dates = rng.choices(span, weights=w, k=n)
            failing = set(rng.sample(range(n), fails.get(point_type, 0)))
            if point_type == "wtp_outlet":  # plant-outlet failures only in the July floods
                july = [i for i, d in enumerate(dates) if d.month == 7]
                failing = set(rng.sample(july, fails.get(point_type, 0))) if fails.get(point_type) else set()
            for i, d in enumerate(dates):
                rows.append(treated_sample(d, point_type, i in failing))
        # Repeat samples at the same point one to three days after a failure; most pass. They
        # are not counted again.
        for s in [r for r in rows if not r["compliant"] and r["point_type"] != "wtp_outlet"]:
            d = s["day"] + dt.timedelta(days=rng.randint(1, 3))
            if d > end or rng.random() < 0.05:
                continue
            rep = treated_sample(d, s["point_type"], rng.random() < 0.12)
            rep.update(point=s["point"], ward=s["ward"], repeat_of=s)
            rows.append(rep)
        # Raw water: both plant inlets daily, the dam intake weekly (outside the city: no ward).
        for d in span:
            for code, ward, lab in PLANTS:
                rows.append({"day": d, "point_type": "raw_water", "point": "%s-IN" % code, "ward": ward, "lab": lab,
                             "repeat_of": None, "cl": None, "turb": rng.randint(30, 1500 if monsoon(d) else 120),
                             "coliform": rng.random() < 0.96, "compliant": None})
            if d.weekday() == 0:
                rows.append({"day": d, "point_type": "raw_water", "point": "RAW-DAM", "ward": None, "lab": "central_lab",
                             "repeat_of": None, "cl": None, "turb": rng.randint(20, 900 if monsoon(d) else 80),
                             "coliform": rng.random() < 0.9, "compliant": None})
        # Private borewells tested at a citizen's or housing society's request.
        for d in rng.choices(span, weights=weekday_w, k=round(len(span) * 0.71)):
            w = rng.choices(range(len(WARDS)), weights=WARD_WEIGHTS)[0]
            coli = rng.random() < 0.55
            turb = rng.randint(1, 30)
            rows.append({"day": d, "point_type": "private_borewell", "point": "BW/%02d/%03d" % (w + 1, rng.randint(1, 400)),
                         "ward": WARD_NAMES[w], "lab": "central_lab", "repeat_of": None, "cl": None, "turb": turb,
                         "coliform": coli, "compliant": (not coli) and turb <= 10})
        order = {"raw_water": 0, "wtp_outlet": 1, "service_reservoir": 2, "public_standpost": 3, "consumer_tap": 4, "private_borewell": 5}
        rows.sort(key=lambda r: (r["day"], r["repeat_of"] is not None, order[r["point_type"]], r["point"]))
        for i, r in enumerate(rows):
            r["sample_no"] = "WQL/%s/%05d" % (fy_label, first_serial + i)
            if r["point_type"] in TREATED:
                check(r)
        all_rows += rows
    out = []
    for r in all_rows:
        out.append({
            "sample_no": r["sample_no"], "collected_on": r["day"].isoformat(), "point_type": r["point_type"],
            "sampling_point": r["point"], "ward_office": r["ward"], "lab": r["lab"],
            "repeat_of": r["repeat_of"]["sample_no"] if r["repeat_of"] else None,
            "residual_chlorine_mg_l": None if r["cl"] is None else "%d.%d" % divmod(r["cl"], 10),
            "turbidity_ntu": None if r["turb"] is None else "%d.%d" % divmod(r["turb"], 10),
            "coliform_present": fmt_bool(r["coliform"]), "compliant": fmt_bool(r["compliant"]),
        })
    return out


# ---------------------------------------------------------------------------------------------
# Hospital and nursing home registration register
# ---------------------------------------------------------------------------------------------

HEALTH_FIELDS = ["registration_no", "facility_name", "ownership", "facility_type", "ward_office", "valid_from",
                 "valid_upto", "cancelled_on", "inpatient_beds", "daycare_beds", "nabh_accredited"]
EXPORTED_ON = dt.date(2025, 4, 30)  # the register extract was taken a month after the year ended
DIGITISED_FROM = dt.date(2021, 4, 1)  # certificates that ended before this date are not in the database

# Government hospitals: not registered, entered with their bed returns (no expiry).
# (name, ownership, type, ward, opened, beds, daycare, nabh, closed)
GOVERNMENT = [
    ("Government Medical College and Sarvopchar Rugnalaya", "state_government", "general_hospital", "Sadashiv Peth", "1964-07-01", 1150, 40, False, None),
    ("Sahyadrinagar Municipal General Hospital", "municipal", "general_hospital", "Shivaji Peth", "1952-08-15", 760, 30, True, None),
    ("Municipal Superspeciality Hospital", "municipal", "specialty_hospital", "Nadikath", "2024-11-18", 300, 24, False, None),
    ("District Women's Hospital", "state_government", "specialty_hospital", "Kasba Peth", "1978-03-01", 200, None, False, None),
    ("ESIC Hospital", "esic", "general_hospital", "Audyogik Vasahat", "1986-01-26", 200, 10, False, None),
    ("Regional Mental Hospital (acute wards)", "state_government", "specialty_hospital", "Tekdi Wadi", "1961-04-01", 160, None, False, None),
    ("Central Railway Divisional Hospital", "central_government", "general_hospital", "Station Road", "1958-10-02", 110, 6, False, None),
    ("Cantonment General Hospital", "military", "general_hospital", "Ramdara", "1971-05-01", 120, None, False, None),
    ("Municipal Infectious Diseases Hospital", "municipal", "specialty_hospital", "Riverside", "1950-01-01", 120, None, False, None),
    ("State TB and Chest Hospital", "state_government", "specialty_hospital", "Pimpalgaon", "1968-12-01", 150, None, False, None),
    ("Municipal Jumbo COVID Care Centre", "municipal", "general_hospital", "Market Yard", "2020-08-24", 800, None, False, "2022-03-31"),
]
MATERNITY_HOMES = [  # municipal maternity homes: (ward, opened, beds)
    ("Ganesh Nagar", "1975-06-01", 30), ("Ambedkar Nagar", "1982-02-15", 40), ("Pimpalgaon", "1990-11-01", 25),
    ("Riverside", "1969-04-01", 30), ("Tekdi Wadi", "2008-09-01", 20), ("Wadgaon", "1985-07-01", 35),
    ("Indira Nagar", "1998-01-15", 30), ("Kasba Peth", "1961-03-01", 40), ("Sahakar Nagar", "2012-05-01", 24),
    ("Market Yard", "1979-10-01", 28),
]
PREFIXES = ["Sanjeevani", "Shree", "Om Sai", "Lokmanya", "Dhanvantari", "Jeevan Jyoti", "Aarogya", "Niramay", "Sushrut",
            "Kamal", "Mangalmurti", "Siddhivinayak", "Chaitanya", "Anand", "Swasthya", "Prerana", "Sai Krupa",
            "Matoshree", "Vighnaharta", "Samarth", "Lifeline", "Sunrise", "CityCare", "Navjeevan", "Ashwini",
            "Sparsh", "Aditya", "Gomukh", "Yashoda", "Indrayani", "Krishna", "Godavari", "Pranav", "Vedant"]
SURNAMES = ["Kulkarni", "Deshpande", "Patil", "Joshi", "Gokhale", "Shinde", "Pawar", "Jadhav", "Bhosale", "Kale", "More",
            "Gaikwad", "Apte", "Phadke", "Sathe", "Khan", "Shaikh", "D'Souza", "Mehta", "Shah", "Wagh", "Chavan",
            "Karandikar", "Lele", "Nene", "Bapat", "Inamdar", "Mulla", "Pathan", "Salunkhe", "Kadam", "Dhole"]


FY_END = dt.date(YEAR + 1, 3, 31)


def in_force(r):
    """The condition of the schema's derivation: the certificate had begun by the end of the year,
    runs to a day in its last March or later (or has no expiry), and was not cancelled by then."""
    def d(v):
        return date_of(v) if isinstance(v, str) else v
    vf, vu, cx = d(r["valid_from"]), d(r["valid_upto"]), d(r["cancelled_on"])
    return (fy(vf) <= YEAR
            and (vu is None or fy(vu) > YEAR or (fy(vu) == YEAR and vu.month == 3))
            and (cx is None or fy(cx) > YEAR))


def cert_end(start):
    """Certificates run to 31 March of the third financial year, counting the one they begin in."""
    return dt.date(fy(start) + 3, 3, 31)


def health_facilities(rng):
    rows = []
    serial = {"NHR": 0, "GOV": 0}

    def reg_no(kind, year):
        serial[kind] += 1
        return "SMC/%s/%d/%04d" % (kind, year, serial[kind])

    for name, own, typ, ward, opened, beds, daycare, nabh, closed in GOVERNMENT:
        rows.append({"registration_no": reg_no("GOV", int(opened[:4])), "facility_name": name, "ownership": own,
                     "facility_type": typ, "ward_office": ward, "valid_from": dt.date.fromisoformat(opened),
                     "valid_upto": None, "cancelled_on": dt.date.fromisoformat(closed) if closed else None,
                     "inpatient_beds": beds, "daycare_beds": daycare, "nabh_accredited": nabh})
    for ward, opened, beds in MATERNITY_HOMES:
        rows.append({"registration_no": reg_no("GOV", int(opened[:4])), "facility_name": "Municipal Maternity Home, %s" % ward,
                     "ownership": "municipal", "facility_type": "maternity_home", "ward_office": ward,
                     "valid_from": dt.date.fromisoformat(opened), "valid_upto": None, "cancelled_on": None,
                     "inpatient_beds": beds, "daycare_beds": None, "nabh_accredited": False})

    # Private, trust and cooperative facilities. Each has a first registration date; its
    # certificates follow one another in three-year periods ending on 31 March.
    names = set()

    def facility_name(typ):
        while True:
            doctor = "Dr. %s. %s" % (rng.choice("ABDGKMNPRSUVY"), rng.choice(SURNAMES))
            if typ == "nursing_home":
                n = rng.choice(["%s Nursing Home" % doctor, "%s Nursing Home" % rng.choice(PREFIXES),
                                "%s Clinic and Nursing Home" % rng.choice(PREFIXES), "%s Surgical Nursing Home" % doctor])
            elif typ == "maternity_home":
                n = rng.choice(["%s Maternity Home" % rng.choice(PREFIXES), "%s Maternity and Surgical Home" % doctor])
            elif typ == "specialty_hospital":
                n = "%s %s" % (rng.choice(PREFIXES), rng.choice(["Eye Hospital", "Heart Institute", "Children's Hospital",
                                                                  "Orthopaedic Hospital", "Cancer Hospital", "Kidney Hospital"]))
            else:
                n = "%s %s" % (rng.choice(PREFIXES), rng.choice(["Hospital", "Multispeciality Hospital", "Hospital and Research Centre"]))
            if n not in names:
                names.add(n)
                return n

    def new_facility(first_day):
        size = rng.choices(["small", "medium", "large", "major"], weights=[60, 25, 12, 3])[0]
        if size == "small":
            typ = rng.choices(["nursing_home", "maternity_home"], weights=[80, 20])[0]
            beds = rng.randint(5, 20)
        elif size == "medium":
            typ = rng.choices(["nursing_home", "general_hospital", "specialty_hospital"], weights=[30, 50, 20])[0]
            beds = rng.randint(21, 50)
        elif size == "large":
            typ = rng.choices(["general_hospital", "specialty_hospital"], weights=[70, 30])[0]
            beds = rng.randint(51, 150)
        else:
            typ = "general_hospital"
            beds = rng.randint(151, 450)
        own = rng.choices(["private", "trust", "cooperative"], weights=[82, 15, 3])[0]
        return {"name": facility_name(typ), "type": typ, "ownership": own, "beds": beds, "closed": None,
                "ward": rng.choices(WARD_NAMES, weights=WARD_WEIGHTS)[0], "first": first_day,
                "nabh": rng.random() < {"small": 0.01, "medium": 0.05, "large": 0.3, "major": 0.6}[size],
                "daycare": None if rng.random() < 0.4 else rng.randint(0, max(2, beds // 8))}

    def random_day(a, b):
        return a + dt.timedelta(days=rng.randrange((b - a).days + 1))

    facilities = []
    for _ in range(292):   # in business on 31 March 2025
        facilities.append(new_facility(random_day(dt.date(1980, 1, 1), dt.date(2025, 3, 20))))
    for i in range(38):    # closed since 2021: some surrendered their certificate, the others let it lapse
        f = new_facility(random_day(dt.date(1985, 1, 1), dt.date(2022, 12, 31)))
        f["closed"] = random_day(max(f["first"] + dt.timedelta(days=400), dt.date(2021, 6, 1)), dt.date(2025, 3, 15))
        f["surrendered"] = i % 3 != 0
        facilities.append(f)
    f = new_facility(random_day(dt.date(1995, 1, 1), dt.date(2015, 12, 31)))
    f["closed"], f["surrendered"] = dt.date(2025, 4, 21), True  # closed after the year ended: still counted
    facilities.append(f)
    for _ in range(2):     # registered in April 2025, after the year ended: not counted
        facilities.append(new_facility(random_day(dt.date(2025, 4, 2), dt.date(2025, 4, 28))))

    # Certificates: three-year periods ending on 31 March, from the first registration to the
    # export (renewals from 1 April 2025 were issued before it). A facility that surrendered its
    # certificate has it cancelled on the day it closed; one that lapsed keeps its last
    # certificate to the end of its period and no renewal follows.
    facilities.sort(key=lambda f: f["first"])
    certs = []
    for f in facilities:
        no = reg_no("NHR", f["first"].year)
        closed = f.get("closed")
        start = f["first"]
        while start <= EXPORTED_ON and (closed is None or start <= closed):
            end = cert_end(start)
            cancelled = closed if closed is not None and f["surrendered"] and closed <= end else None
            if end >= DIGITISED_FROM:
                certs.append((f, {"registration_no": no, "facility_name": f["name"], "ownership": f["ownership"],
                                  "facility_type": f["type"], "ward_office": f["ward"], "valid_from": start,
                                  "valid_upto": end, "cancelled_on": cancelled, "daycare_beds": f["daycare"],
                                  "nabh_accredited": f["nabh"] and end >= FY_END}))
            start = end + dt.timedelta(days=1)

    # Exact bed total: the beds of the certificates in force on 31 March 2025 add up to the
    # figure of the Health Department's bed return. Earlier certificates had a few beds fewer,
    # renewals from April 2025 a few more.
    gov_beds = sum(r["inpatient_beds"] for r in rows if in_force(r))
    current = [f for f, c in certs if in_force(c)]
    assert len(current) == len(set(map(id, current))), "a facility with two certificates in force"
    beds = [f["beds"] for f in current]
    adjust_to_total(rng, beds, TARGETS["hospital_beds_inpatient"] - gov_beds, 5, 450)
    for f, b in zip(current, beds):
        f["beds"] = b
    for f, c in certs:
        b = f["beds"]
        if c["valid_from"] > FY_END and b >= 10:
            b += rng.choice([0, 0, 0, 2, 5])
        elif c["valid_upto"] < FY_END:
            b = max(5, b - rng.choice([0, 0, 0, 1, 2, 5, 10]))
        c["inpatient_beds"] = b
        rows.append(c)
    rows.sort(key=lambda r: (r["registration_no"][4:7] != "GOV", r["registration_no"], r["valid_from"]))
    out = []
    for r in rows:
        out.append({k: (v.isoformat() if isinstance(v, dt.date) else fmt_bool(v) if isinstance(v, bool) else v)
                    for k, v in r.items()})
    return out


# ---------------------------------------------------------------------------------------------
# Verification: the derivations of the schemas, recomputed on the files as written
# ---------------------------------------------------------------------------------------------

def verify():
    results = []

    calls = read_csv("fire_calls.csv")
    fire_deaths = sum(int(r["deaths"]) for r in calls
                      if fy(date_of(r["call_date"])) == YEAR and r["call_type"] == "fire")
    turnouts = [Decimal(r["response_minutes"]) for r in calls
                if fy(date_of(r["call_date"])) == YEAR and r["call_type"] in ("fire", "rescue")
                and r["arrival_time"] != "" and r["response_minutes"] != ""]
    mean = sum(turnouts) / len(turnouts)
    results.append(("fire_deaths", fire_deaths, TARGETS["fire_deaths"],
                    "sum(deaths where fy(call_date) == 2024 and call_type == \"fire\")"))
    results.append(("fire_response_time_mean", mean, TARGETS["fire_response_time_mean"],
                    "mean(response_minutes where fy(call_date) == 2024 and call_type in (\"fire\", \"rescue\") and arrival_time is not blank)"))
    results.append(("  turn-outs averaged", len(turnouts), TARGETS["fire_turnouts"], "records matched"))

    tests = read_csv("water_quality_tests.csv")
    matched = [r for r in tests if fy(date_of(r["collected_on"])) == YEAR and r["point_type"] in TREATED and r["repeat_of"] == ""]
    compliant = [r for r in matched if r["compliant"] == "true"]
    results.append(("drinking_water_samples_tested", len(matched), TARGETS["drinking_water_samples_tested"],
                    "count(where fy(collected_on) == 2024 and point_type in (\"wtp_outlet\", \"service_reservoir\", \"consumer_tap\", \"public_standpost\") and repeat_of is blank)"))
    results.append(("drinking_water_samples_compliant", len(compliant), TARGETS["drinking_water_samples_compliant"],
                    "count(where … the same … and compliant == true)"))

    regs = read_csv("health_facilities.csv")

    # in_force() (defined above, also used to set the beds) is the derivation's condition; blank cells become None.
    regs = [{k: (v if v != "" else None) for k, v in r.items()} for r in regs]
    beds = sum(int(r["inpatient_beds"]) for r in regs if in_force(r))
    results.append(("hospital_beds_inpatient", beds, TARGETS["hospital_beds_inpatient"],
                    "sum(inpatient_beds where fy(valid_from) <= 2024 and (valid_upto is blank or fy(valid_upto) > 2024 or "
                    "(fy(valid_upto) == 2024 and month(valid_upto) == 3)) and (cancelled_on is blank or fy(cancelled_on) > 2024))"))
    # What a careless count would give, to show that the filters matter.
    naive = {
        "fire deaths, all calls of the file": sum(int(r["deaths"]) for r in calls),
        "fire deaths, all calls of FY 2024-25": sum(int(r["deaths"]) for r in calls if fy(date_of(r["call_date"])) == YEAR),
        "mean response, every call of FY 2024-25 with an arrival": round(
            sum(Decimal(r["response_minutes"]) for r in calls if fy(date_of(r["call_date"])) == YEAR and r["response_minutes"])
            / sum(1 for r in calls if fy(date_of(r["call_date"])) == YEAR and r["response_minutes"]), 2),
        "water samples, every row of FY 2024-25": sum(1 for r in tests if fy(date_of(r["collected_on"])) == YEAR),
        "beds, every row of the register": sum(int(r["inpatient_beds"]) for r in regs),
        "beds, every row without a cancellation": sum(int(r["inpatient_beds"]) for r in regs if r["cancelled_on"] is None),
    }
    return results, naive


def main():
    rng = random.Random(SEED)
    os.makedirs(OUT, exist_ok=True)
    written = [
        write_csv("fire_calls.csv", FIRE_FIELDS, fire_calls(rng)),
        write_csv("water_quality_tests.csv", WATER_FIELDS, water_tests(rng)),
        write_csv("health_facilities.csv", HEALTH_FIELDS, health_facilities(rng)),
    ]
    for path, n, size in written:
        print("wrote %-58s %6d records %9d bytes" % (os.path.relpath(path, ROOT), n, size))
        assert size < 2_000_000, path
    results, naive = verify()
    print()
    ok = True
    for name, got, want, how in results:
        same = got == want
        ok &= same
        shown = ("%.2f" % got) if isinstance(got, Decimal) else str(got)
        print("%-34s %10s  target %-6s %s   %s" % (name, shown, want, "ok" if same else "DIFFERS", how))
    print()
    print("without the filters:")
    for k, v in naive.items():
        print("  %-58s %s" % (k, v))
    if not ok:
        print("\nsome derived values differ from the targets", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
