Feature: An officer imports the Polseks' field reports, each file whole or not at all
  The Polseks of Polres Muara Seruni send their weekly activity reports as a spreadsheet
  (CSV), a YAML form or a JSON export. A PR officer at the Polres imports the files as
  they come; every record waits for a supervisor's review, and every one keeps who sent
  it and where in the file it was. A file with a mistake is sent back whole, with every
  mistake and its line, so the Polsek can fix it in one go.

  Background:
    Given officer "Bripka Ani Lestari" tracks "Operasi Mantap Brata 2023-2024" for Polres Muara Seruni

  Scenario: An officer imports a week of Polsek reports
    When she imports the week's sheet of Polsek Talang Rejo
    Then 7 activities of Polsek Talang Rejo wait for review as reported, dated 13/11/2023 to 18/11/2023
    And each came in through the field-report channel, recorded by "Bripka Ani Lestari"
    And each names its reporter and the line of its row in the sheet

  Scenario: A bad row is refused with its line number
    Given the week's sheet of Polsek Talang Rejo has these mistakes
      | line | field         | value      |
      | 8    | date          | 31/11/2023 |
      | 13   | audience_size | banyak     |
    When she imports the week's sheet of Polsek Talang Rejo
    Then the sheet is refused with "date" on line 8 and "audience_size" on line 13
    And the store holds nothing from the sheet

  Scenario: The same file twice
    Given she imported the week's sheet of Polsek Talang Rejo
    When she imports the week's sheet of Polsek Talang Rejo
    Then she is told the 7 reports were already imported
    And the store holds no new event

  Scenario: A sheet a Polsek saved from Excel in Indonesian, in its own words
    Given Polsek Sido Rejo saved this sheet from Excel with ";" between the cells
      | Report ID | Kind             | Date                    | Time                         | Audience Size |
      | SR/47/01  | Jumat Curhat     | Jumat, 17 November 2023 | pukul 09.00 WIB s.d. selesai | 45            |
      | SR/47/02  | patroli dialogis | 17-11-2023              | 19.30                        |               |
      | SR/47/03  | Gelar Pasukan    | 18-Nov-2023             | 07:00:00                     | 1250          |
    When she imports the sheet of Polsek Sido Rejo
    Then these activities of Polsek Sido Rejo wait for review as reported
      | report   | kind       | day        | time      | audience |
      | SR/47/01 | outreach   | 2023-11-17 | 09:00 WIB | 45       |
      | SR/47/02 | outreach   | 2023-11-17 | 19:30     |          |
      | SR/47/03 | deployment | 2023-11-18 | 07:00     | 1250     |
