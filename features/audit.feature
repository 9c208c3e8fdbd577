Feature: An auditor replays the history and checks that nobody changed it
  An auditor (Propam, Itwasda, an external inspector) reads every change in the order it
  was recorded, with who made it, through which channel and why; checks the store
  against the seals a supervisor made; and checks an export on a machine of her own.

  Background:
    Given officer "Bripka Ani Lestari" logged the week's activities of Polres OKU Timur
      | kind       | title                       | day        | personnel |
      | simulation | Simulasi Sispam Kota        | 17/10/2023 | 250       |
      | deployment | Apel gelar pasukan          | 19/10/2023 | 250       |
      | outreach   | Jumat Curhat di Belitang    | 20/10/2023 | 12        |
    And supervisor "AKP Hendra Saputra" corrected the personnel of "Apel gelar pasukan" to 275 because "data Kabag Ops"
    And supervisor "AKP Hendra Saputra" sealed the store

  Scenario: An auditor replays a week
    When auditor "Kompol Dewi Propam" asks what changed during that week
    Then she sees 3 new activities and 1 correction
    And the correction of "Apel gelar pasukan" shows personnel from 250 to 275 by "AKP Hendra Saputra" via cli because "data Kabag Ops"
    And the log lists every event in the order it was recorded
    And the store holds no event the auditor made

  Scenario: An auditor finds a record altered in the database
    Given someone changed the personnel of "Simulasi Sispam Kota" from 250 to 500 in the database
    And someone deleted the correction of "Apel gelar pasukan" from the database
    When auditor "Kompol Dewi Propam" verifies the store
    Then the check fails with 2 problems, both breaking seal #1
    And it names "Simulasi Sispam Kota" version 1 as altered
    And it names "Apel gelar pasukan" version 2 as deleted

  Scenario: An auditor verifies an export on another machine
    Given auditor "Kompol Dewi Propam" exported the store to a file
    When she checks the file on a machine that has no store
    Then the export is intact and holds seal #1 with the hash the supervisor was given

  Scenario: An export changed on the way is caught
    Given auditor "Kompol Dewi Propam" exported the store to a file
    And someone raised the personnel of "Jumat Curhat di Belitang" from 12 to 120 in the file
    When she checks the file on a machine that has no store
    Then the check fails naming "Jumat Curhat di Belitang" as altered, breaking seal #1

  Scenario: An auditor asks for last month's report as it was sent
    Given supervisor "AKP Hendra Saputra" sent the report of that week
    And officer "Bripka Ani Lestari" later corrected the personnel of "Simulasi Sispam Kota" to 300 because "rekap ulang"
    When auditor "Kompol Dewi Propam" asks for that week's report as of when it was sent
    Then she gets the report that was sent, apart from the line saying when it was generated
    And its footer names the seal and the store position the report was made from

  Scenario: A row slipped into the database is never sealed
    Given someone copied the record of "Jumat Curhat di Belitang" into the database as a new record
    And supervisor "AKP Hendra Saputra" sent the report of that week
    When auditor "Kompol Dewi Propam" verifies the store
    Then the check names the copied record as inserted outside humas
    And supervisor "AKP Hendra Saputra" cannot seal it without giving a reason

  Scenario: The figures behind the reports are checked against the events
    Given someone changed the personnel of "Simulasi Sispam Kota" to 2500 in the read model
    When auditor "Kompol Dewi Propam" verifies the store
    Then the check names the read model of "Simulasi Sispam Kota": personnel 2500, events say 250
