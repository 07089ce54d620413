// Command pybridge inspects, checks and runs cloudpickle payloads such as
// the ones PySpark ships to its Python workers.
//
// Usage:
//
//	pybridge check [--format text|json|sarif] [--strict] PAYLOAD...
//	pybridge check --golden REPORT.json [--update] PAYLOAD
//	pybridge dis [--format text|json] [--opcodes] [--no-offsets] PAYLOAD...
//	pybridge load [--python X.Y] PAYLOAD
//	pybridge run [--input FILE] [--mode map|flatmap|filter|partition|pipeline|reduce]
//	             [--partitions N] [--workers N] [--format repr|json|pickle] PAYLOAD
//	pybridge test [--update] [--format text|json] DIR...
//
// Run "pybridge help" for the list of commands and "pybridge CMD -h" for
// the flags of one.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one pybridge verb.
type command struct {
	name    string
	summary string
	// run executes the verb with its arguments (after the verb name) and
	// returns the process exit status.
	run func(env *cmdEnv, args []string) int
}

// cmdEnv carries the process streams, so commands are testable.
type cmdEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

var commands = map[string]*command{}

// register adds a verb; each verb's file calls it from init.
func register(c *command) { commands[c.name] = c }

func main() {
	os.Exit(run(&cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

// run dispatches to a verb and returns the exit status.
func run(env *cmdEnv, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "pybridge: unknown command %q\n\n", args[0])
		usage(env.stderr)
		return 2
	}
	return c.run(env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: pybridge COMMAND [flags] ARGS...")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'pybridge COMMAND -h' for a command's flags.")
}

// readInput reads a payload file, or standard input for "-".
func readInput(env *cmdEnv, path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(env.stdin)
	}
	return os.ReadFile(path)
}
