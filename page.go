package passerelles

// MaxPageSize is the largest number of items one list request may return.
const MaxPageSize = 100

// DefaultPageSize is used when a list request does not say how many items it wants.
const DefaultPageSize = 20

// Page selects a window of an ordered list.
type Page struct {
	Offset int
	Limit  int
}

// Validate returns EINVALID when the window is negative or larger than MaxPageSize.
// A zero limit means DefaultPageSize.
func (p *Page) Validate() error {
	if p.Offset < 0 {
		return Errorf(EINVALID, "Le décalage de pagination ne peut pas être négatif.")
	}
	if p.Limit < 0 || p.Limit > MaxPageSize {
		return Errorf(EINVALID, "Une page contient entre 1 et %d éléments.", MaxPageSize)
	}
	if p.Limit == 0 {
		p.Limit = DefaultPageSize
	}
	return nil
}
