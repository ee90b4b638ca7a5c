// The fulfilment report arrives with issue 6.
