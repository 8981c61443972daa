#include <iostream>
int main() { std::cout << "ladder-cli 0.1.0\n"; return 0; }
