"""Cases: the directory of every case with its name index, and a case name as a sentence needs it."""
