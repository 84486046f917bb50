/** The one catalogue of Vigil's topics: names, serdes and how each is created. */
package io.vigil.app.topics;
