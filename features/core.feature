Feature: An officer records the unit's operation and activities
  A PR officer (anggota Humas) of Polres OKU Timur records what the unit does,
  corrects mistakes, and every change stays in the history.

  Background:
    Given officer "Bripka Ani Lestari" records for Polres OKU Timur

  Scenario: Planning an operation whose stated duration disagrees with its dates
    When she plans "Operasi Mantap Brata 2023-2024" as "omb" from "19/10/2023" to "20/10/2024" stated as 222 days
    Then the operation "omb" is flagged with "stated duration is 222 days" and "spans 368 days"

  Scenario Outline: Logging each kind of activity
    When she logs a <kind> "<title>" on "<day>"
    Then the activity list for "<day>" shows one <kind> titled "<title>"

    Examples:
      | kind         | title                                   | day        |
      | simulation   | Simulasi Sispam Kota                    | 17/10/2023 |
      | outreach     | Cooling system bersama tokoh agama      | 20/10/2023 |
      | deployment   | Apel pergeseran pasukan ke TPS          | 12/02/2024 |
      | coordination | Rapat koordinasi dengan KPU dan Bawaslu | 23/10/2023 |
      | press        | Konferensi pers kesiapan pengamanan     | 25/10/2023 |
      | other        | Bakti sosial di Belitang                | 27/10/2023 |

  Scenario: Correcting a personnel count keeps the old value and the reason
    Given she logged a deployment "Apel gelar pasukan" on "21/10/2023" with 250 personnel
    When supervisor "AKP Hendra Saputra" corrects the personnel to 275 because "data Kabag Ops"
    Then the history shows personnel changed from 250 to 275 by "AKP Hendra Saputra" because "data Kabag Ops"

  Scenario: Cancelling an activity, after which it cannot be corrected
    Given she logged a outreach "Jumat Curhat" on "27/10/2023"
    When she cancels it because "hujan deras"
    Then correcting its title is refused because it "was cancelled"

  Scenario: Bad input is refused and nothing is written
    When she logs an outreach with -3 personnel
    Then she is told "--personnel" is wrong and the store holds no new event

  Scenario: Two officers change the same activity at once
    Given she logged a outreach "Patroli dialogis" on "28/10/2023"
    When two officers each add 5 notes to it at the same time
    Then all 10 notes are in its history once each, with no version missing
