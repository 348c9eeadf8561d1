package hashmap_test

import (
	"fmt"
	"sync"

	"github.com/hotpath-go/hotpath/hashmap"
)

func Example() {
	routes := hashmap.New[string](16)
	routes.Set("GET /users", "listUsers")
	routes.Set("POST /users", "createUser")

	// Readers need no lock, even while another goroutine writes.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		routes.Set("DELETE /users/:id", "deleteUser")
	}()
	h, ok := routes.Get("GET /users")
	fmt.Println(h, ok)
	wg.Wait()

	_, ok = routes.GetBytes([]byte("DELETE /users/:id"))
	fmt.Println(ok, routes.Len())
	fmt.Println(routes.Delete("POST /users"), routes.Delete("POST /users"))
	// Output:
	// listUsers true
	// true 3
	// true false
}

func ExampleMap_Range() {
	m := hashmap.New[int](0)
	m.Set("a", 1)
	m.Set("b", 2)
	sum := 0
	m.Range(func(_ string, v int) bool { sum += v; return true })
	fmt.Println(sum)
	// Output: 3
}
