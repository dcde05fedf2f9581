#!/usr/bin/env node
// Writes checklists/usao-districts.yaml: one consult stakeholder per U.S.
// Attorney's Office, applicable when the draft's `districts` fact names one of
// its districts. CEL cannot create stakeholders, so they are generated here
// from the table below and committed; `--check` (run by the tests) fails when
// the committed file differs from what this script writes.
//
// District codes are the ones the Department itself uses in each office's
// address on justice.gov (justice.gov/usao-wdtx, /usao-az, /usao-edny…), so a
// drafter can copy them from the office's web address. The 94 judicial
// districts have 93 U.S. Attorneys: Guam and the Northern Mariana Islands share
// one office (`gu`), which applies for either district code.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const target = path.join(root, "checklists", "usao-districts.yaml");

/** [code, district name, short citation form, Southwest border] */
export const DISTRICTS = [
  ["almd", "Middle District of Alabama", "M.D. Ala."],
  ["alnd", "Northern District of Alabama", "N.D. Ala."],
  ["alsd", "Southern District of Alabama", "S.D. Ala."],
  ["ak", "District of Alaska", "D. Alaska"],
  ["az", "District of Arizona", "D. Ariz.", true],
  ["edar", "Eastern District of Arkansas", "E.D. Ark."],
  ["wdar", "Western District of Arkansas", "W.D. Ark."],
  ["cdca", "Central District of California", "C.D. Cal."],
  ["edca", "Eastern District of California", "E.D. Cal."],
  ["ndca", "Northern District of California", "N.D. Cal."],
  ["sdca", "Southern District of California", "S.D. Cal.", true],
  ["co", "District of Colorado", "D. Colo."],
  ["ct", "District of Connecticut", "D. Conn."],
  ["de", "District of Delaware", "D. Del."],
  ["dc", "District of Columbia", "D.D.C."],
  ["mdfl", "Middle District of Florida", "M.D. Fla."],
  ["ndfl", "Northern District of Florida", "N.D. Fla."],
  ["sdfl", "Southern District of Florida", "S.D. Fla."],
  ["mdga", "Middle District of Georgia", "M.D. Ga."],
  ["ndga", "Northern District of Georgia", "N.D. Ga."],
  ["sdga", "Southern District of Georgia", "S.D. Ga."],
  ["gu", "District of Guam", "D. Guam"],
  ["hi", "District of Hawaii", "D. Haw."],
  ["id", "District of Idaho", "D. Idaho"],
  ["cdil", "Central District of Illinois", "C.D. Ill."],
  ["ndil", "Northern District of Illinois", "N.D. Ill."],
  ["sdil", "Southern District of Illinois", "S.D. Ill."],
  ["ndin", "Northern District of Indiana", "N.D. Ind."],
  ["sdin", "Southern District of Indiana", "S.D. Ind."],
  ["ndia", "Northern District of Iowa", "N.D. Iowa"],
  ["sdia", "Southern District of Iowa", "S.D. Iowa"],
  ["ks", "District of Kansas", "D. Kan."],
  ["edky", "Eastern District of Kentucky", "E.D. Ky."],
  ["wdky", "Western District of Kentucky", "W.D. Ky."],
  ["edla", "Eastern District of Louisiana", "E.D. La."],
  ["mdla", "Middle District of Louisiana", "M.D. La."],
  ["wdla", "Western District of Louisiana", "W.D. La."],
  ["me", "District of Maine", "D. Me."],
  ["md", "District of Maryland", "D. Md."],
  ["ma", "District of Massachusetts", "D. Mass."],
  ["edmi", "Eastern District of Michigan", "E.D. Mich."],
  ["wdmi", "Western District of Michigan", "W.D. Mich."],
  ["mn", "District of Minnesota", "D. Minn."],
  ["ndms", "Northern District of Mississippi", "N.D. Miss."],
  ["sdms", "Southern District of Mississippi", "S.D. Miss."],
  ["edmo", "Eastern District of Missouri", "E.D. Mo."],
  ["wdmo", "Western District of Missouri", "W.D. Mo."],
  ["mt", "District of Montana", "D. Mont."],
  ["ne", "District of Nebraska", "D. Neb."],
  ["nv", "District of Nevada", "D. Nev."],
  ["nh", "District of New Hampshire", "D.N.H."],
  ["nj", "District of New Jersey", "D.N.J."],
  ["nm", "District of New Mexico", "D.N.M.", true],
  ["edny", "Eastern District of New York", "E.D.N.Y."],
  ["ndny", "Northern District of New York", "N.D.N.Y."],
  ["sdny", "Southern District of New York", "S.D.N.Y."],
  ["wdny", "Western District of New York", "W.D.N.Y."],
  ["ednc", "Eastern District of North Carolina", "E.D.N.C."],
  ["mdnc", "Middle District of North Carolina", "M.D.N.C."],
  ["wdnc", "Western District of North Carolina", "W.D.N.C."],
  ["nd", "District of North Dakota", "D.N.D."],
  ["nmi", "District of the Northern Mariana Islands", "D.N. Mar. I."],
  ["ndoh", "Northern District of Ohio", "N.D. Ohio"],
  ["sdoh", "Southern District of Ohio", "S.D. Ohio"],
  ["edok", "Eastern District of Oklahoma", "E.D. Okla."],
  ["ndok", "Northern District of Oklahoma", "N.D. Okla."],
  ["wdok", "Western District of Oklahoma", "W.D. Okla."],
  ["or", "District of Oregon", "D. Or."],
  ["edpa", "Eastern District of Pennsylvania", "E.D. Pa."],
  ["mdpa", "Middle District of Pennsylvania", "M.D. Pa."],
  ["wdpa", "Western District of Pennsylvania", "W.D. Pa."],
  ["pr", "District of Puerto Rico", "D.P.R."],
  ["ri", "District of Rhode Island", "D.R.I."],
  ["sc", "District of South Carolina", "D.S.C."],
  ["sd", "District of South Dakota", "D.S.D."],
  ["edtn", "Eastern District of Tennessee", "E.D. Tenn."],
  ["mdtn", "Middle District of Tennessee", "M.D. Tenn."],
  ["wdtn", "Western District of Tennessee", "W.D. Tenn."],
  ["edtx", "Eastern District of Texas", "E.D. Tex."],
  ["ndtx", "Northern District of Texas", "N.D. Tex."],
  ["sdtx", "Southern District of Texas", "S.D. Tex.", true],
  ["wdtx", "Western District of Texas", "W.D. Tex.", true],
  ["ut", "District of Utah", "D. Utah"],
  ["vt", "District of Vermont", "D. Vt."],
  ["vi", "District of the Virgin Islands", "D.V.I."],
  ["edva", "Eastern District of Virginia", "E.D. Va."],
  ["wdva", "Western District of Virginia", "W.D. Va."],
  ["edwa", "Eastern District of Washington", "E.D. Wash."],
  ["wdwa", "Western District of Washington", "W.D. Wash."],
  ["ndwv", "Northern District of West Virginia", "N.D.W. Va."],
  ["sdwv", "Southern District of West Virginia", "S.D.W. Va."],
  ["edwi", "Eastern District of Wisconsin", "E.D. Wis."],
  ["wdwi", "Western District of Wisconsin", "W.D. Wis."],
  ["wy", "District of Wyoming", "D. Wyo."],
];

/** District codes served by another district's office: the office's code. */
const SHARED_OFFICE = { nmi: "gu" };

function office(code, name, short, border, extraCodes) {
  const codes = [code, ...extraCodes];
  const inList = codes.map((c) => `'${c}' in facts.districts`).join(" || ");
  // v1 drafts said `southwestBorder: true` instead of naming districts; the five
  // border offices still apply for them (and CEL's `||` ignores the missing
  // `districts` fact once an earlier term is true).
  const appliesWhen = border ? `facts.southwestBorder || ${inList}` : inList;
  const title =
    code === "gu"
      ? "U.S. Attorney's Office for the Districts of Guam and the Northern Mariana Islands (D. Guam, D.N. Mar. I.)"
      : `U.S. Attorney's Office for the ${name} (${short})`;
  const where =
    code === "gu" ? "the Guam and Northern Mariana Islands office" : `the ${short} office`;
  return `
  - id: usao-${code}
    name: ${title}
    agency: DOJ
    role: consult
    level: principal
    appliesWhen: "${appliesWhen}"
    signoff: optional
    items:
      - id: caseload
        question: How many added cases per month will ${where} receive under the policy, by division, and what attorneys and support staff will it need beyond current staffing?
        guidance: The office's own estimate (not headquarters'), with its contact and date; USMS, the courts and EOUSA build on it.
        severity: blocker
        appliesWhen: facts.changesProsecutionVolume
        due: P30D
        evidence: [contact, date, document]
        sources: [oig-21-028, practice-district-estimates]
      - id: declination-discretion
        question: What discretion to decline or defer prosecution remains to ${where}, and who in the office exercises it?
        guidance: Name the categories the office may still decline and say so explicitly if the policy leaves none.
        severity: major
        due: P21D
        evidence: [contact, date, notes]
        sources: [oig-21-028, jm-9-27]
      - id: displaced-prosecutions
        question: Which other prosecutions will ${where} defer, decline or slow down to absorb the added cases?
        guidance: Name the case types displaced and the expected effect, so the trade-off is decided rather than discovered.
        severity: major
        appliesWhen: facts.changesProsecutionVolume
        due: P21D
        evidence: [contact, notes]
        sources: [oig-21-028]
      - id: feasibility
        question: Has the U.S. Attorney stated, on the final text, whether the policy can be carried out in the district and on what conditions?
        guidance: The U.S. Attorney's own statement with its date and conditions (a phased start, added staff); an announcement call is not consultation.
        severity: blocker
        due: P7D
        evidence: [contact, date, notes]
        sources: [oig-21-028]
`;
}

export function render() {
  const extra = new Map();
  for (const [code, host] of Object.entries(SHARED_OFFICE))
    extra.set(host, [...(extra.get(host) ?? []), code]);
  const offices = DISTRICTS.filter(([code]) => !(code in SHARED_OFFICE))
    .map(([code, name, short, border]) =>
      office(code, name, short, border === true, extra.get(code) ?? []),
    )
    .join("");
  const codes = DISTRICTS.map(([code]) => code);
  return `# yaml-language-server: $schema=../schemas/checklist.schema.json
#
# GENERATED by src/build/generate-districts.mjs — do not edit by hand; change
# the script and run \`npm run gen:districts\`.
#
# One U.S. Attorney's Office per federal judicial district, chosen by the
# draft's \`districts\` fact. USAOs are implementers inside DOJ: consulted
# (through EOUSA, the Attorney General's Advisory Committee and ODAG) with each
# district's feasibility and conditions recorded, not asked to clear.
apiVersion: preclear/v1
kind: Checklist
id: usao-districts
title: U.S. Attorneys' Offices, one per federal judicial district (chosen by the districts fact)
version: 2.0.0
extends: [base-policy]
description: |
  The ${DISTRICTS.length} federal judicial districts by the code the Department uses
  in each office's address on justice.gov (\`usao-wdtx\` → \`wdtx\`). A draft
  names the districts its policy reaches in \`districts\`; each named office is
  consulted on its caseload, its remaining discretion, the prosecutions the
  policy displaces and whether it can carry the policy out. Extended by
  \`doj-components\`; rarely listed on its own.

sources:
  - id: practice-district-estimates
    title: >-
      Established practice: workload projections for a charging change are made
      by each affected U.S. Attorney's Office for its own divisions and
      aggregated by EOUSA, not estimated at headquarters
    kind: practice
  - id: jm-9-27
    title: U.S. Department of Justice, Justice Manual, Title 9, 9-27.000 — Principles of Federal Prosecution
    url: https://www.justice.gov/jm/jm-9-27000-principles-federal-prosecution
    kind: guidance
    pinpoint: JM 9-27.220 (grounds for commencing or declining prosecution)

facts:
  districts:
    type: list
    question: Which federal judicial districts does the policy reach? List their codes.
    help: |
      The code in the U.S. Attorney's Office address on justice.gov, without
      \`usao-\` (\`nmi\`, the Northern Mariana Islands, is served by the Guam
      office, \`usao-gu\`): ${codes.join(", ")}.
      A national policy lists every district it adds work for, not every district.
  changesProsecutionVolume:
    type: boolean
    question: Does the policy change which cases are referred for, or accepted for, federal prosecution?
    help: Answer yes for any change in charging, referral or declination practice that adds or removes cases.
  southwestBorder:
    type: boolean
    question: Does the policy apply in, or add work for, the five Southwest border districts (S.D. Cal., D. Ariz., D.N.M., W.D. Tex., S.D. Tex.)?
    help: Kept from the first edition; list the districts in \`districts\` as well.

stakeholders:${offices}`;
}

if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== render()) {
    console.error("checklists/usao-districts.yaml is stale: run npm run gen:districts");
    process.exit(1);
  }
} else if (path.resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)) {
  writeFileSync(target, render());
}
