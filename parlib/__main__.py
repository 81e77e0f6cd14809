from parlib.cli.main import console

console()
