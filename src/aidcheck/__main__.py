from aidcheck.cli import main

main()
