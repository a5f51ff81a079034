"""Model -> printed strings, decided once: printed (the types), build (the whole document),
header (agency lines), body (markup, headings, end mark), forms (giấy mời, biên bản …)."""
