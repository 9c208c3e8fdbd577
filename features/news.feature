Feature: An officer feeds in the news, and each thing the unit did is recorded once
  A PR officer (anggota Humas) saves the regional news that mention the unit and gives
  them to humas instead of retyping them. Several outlets reporting one drill give one
  activity for a supervisor to confirm; a drill that reads like a riot is never a
  public-order incident; the same article fed in twice is recognised.

  Background:
    Given officer "Bripka Ani Lestari" tracks "Operasi Mantap Brata 2023-2024" as "omb" stated as 222 days

  Scenario: Three outlets report one drill
    When she ingests the drill reports of "Kabar Tanjung", "Warta Harapan" and "Tribratanews"
    Then one simulation on "09/11/2023" awaits review as proposed
    And it has 3 coverage items, one from each outlet

  Scenario: A drill written like a riot is not recorded as an incident
    When she ingests the drill reports of "Warta Harapan"
    Then no incident is recorded
    And one simulation on "09/11/2023" awaits review as proposed
    And the evidence for its category says "ternyata merupakan simulasi"

  Scenario: The same article twice is a duplicate
    Given she ingested the drill reports of "Kabar Tanjung"
    When she ingests the drill reports of "Kabar Tanjung"
    Then she is told it is a duplicate
    And the store holds no new event
