Feature: A supervisor reviews what came in, and roles are respected
  Records proposed by the machine from news, and records reported by officers, wait
  for a supervisor (Kasubbag Humas) who verifies, fixes or rejects them. Every step is
  on record with the reviewer's name. An auditor reads but never writes.

  Background:
    Given the roster has supervisor "AKP Hendra Saputra", officer "Bripka Ani Lestari" and auditor "Kompol Dewi Propam"
    And officer "Bripka Ani Lestari" reported an outreach "Jumat Curhat di Masjid Agung" on "20/10/2023" with 60 people reached

  Scenario: A supervisor verifies a reported activity
    When supervisor "AKP Hendra Saputra" accepts it
    Then it is verified
    And nothing waits for review

  Scenario: A supervisor fixes a figure while verifying
    When supervisor "AKP Hendra Saputra" accepts it, fixing the audience to 85
    Then it is verified
    And the history shows audience_size changed from 60 to 85 by "AKP Hendra Saputra"

  Scenario: A supervisor rejects a record, with a reason
    When supervisor "AKP Hendra Saputra" rejects it because "kegiatan dobel, sudah dilaporkan Polsek"
    Then it is rejected with the reason "kegiatan dobel, sudah dilaporkan Polsek"
    And nothing waits for review

  Scenario: An officer cannot verify
    When "Bripka Ani Lestari" tries to accept it
    Then she is refused with "needs the supervisor role"

  Scenario: An auditor tries to write and is refused
    When "Kompol Dewi Propam" tries to log an outreach "Sosialisasi pemilu damai" on "21/10/2023"
    Then she is refused with "needs the officer or supervisor role; Kompol Dewi Propam is an auditor"
    And the store holds 1 activity
