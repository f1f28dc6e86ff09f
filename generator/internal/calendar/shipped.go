package calendar

import (
	_ "embed"
	"sync"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// ShippedFile is the name of the shipped notices, for messages.
const ShippedFile = "holidays.toml"

//go:embed holidays.toml
var shippedText []byte

var shipped = sync.OnceValue(func() []Notice {
	var errs diag.List
	t := tomldoc.Parse(ShippedFile, shippedText, 1, &errs)
	var notices []Notice
	if t != nil {
		notices = Read(t, nil)
		t.CheckUnknown()
	}
	if len(errs) > 0 {
		// The tests read the file; a release never gets here.
		panic("calendar: " + errs.Error())
	}
	return notices
})

// Shipped gives the State Council's notices shipped with the generator, in
// the order issued.
func Shipped() []Notice { return shipped() }
